package dev.kiroscim.core.directory;

/**
 * The store cannot take more work right now (its connection pool stayed exhausted for the wait limit). The HTTP
 * edge answers 429 with {@code Retry-After}, which Okta and Entra honour, instead of letting the client hang.
 */
public class StoreBusy extends RuntimeException {
    public StoreBusy(String message, Throwable cause) {
        super(message, cause);
    }
}
