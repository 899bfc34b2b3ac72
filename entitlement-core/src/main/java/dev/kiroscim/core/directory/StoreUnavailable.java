package dev.kiroscim.core.directory;

/**
 * The store cannot be reached at all (PostgreSQL stopped, restarting or failing over, or the network to it is down),
 * as opposed to {@link StoreBusy}, where it answers but every connection is taken. Nothing of the failed request was
 * committed: the HTTP edge answers 503 with {@code Retry-After}, Okta and Entra retry, and the server recovers by
 * itself once the database answers again.
 */
public class StoreUnavailable extends RuntimeException {
    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
