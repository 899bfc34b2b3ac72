package dev.kiroscim.core.transaction;

/**
 * A write rolled back because its request outlived its {@link WriteDeadline}; nothing was changed. The HTTP edge
 * answers 503 with {@code Retry-After}: the client has retried already or will.
 */
public class StaleWrite extends RuntimeException {
    public StaleWrite(String message) {
        super(message);
    }
}
