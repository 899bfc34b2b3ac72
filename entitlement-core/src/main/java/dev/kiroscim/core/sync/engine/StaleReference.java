package dev.kiroscim.core.sync.engine;

/**
 * An id we held turned out stale (a user or group deleted behind our back). The link has been corrected; the
 * worker retries the item, which then recreates what is missing.
 */
public final class StaleReference extends RuntimeException {
    public StaleReference(String message, Throwable cause) {
        super(message, cause);
    }
}
