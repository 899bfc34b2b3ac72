package dev.kiroscim.core.sync;

import java.time.Duration;

/**
 * {@code InternalServerException}, any other 5xx, a timeout or a network error. Retryable.
 *
 * <p>The outcome is unknown: a CreateUser that timed out may have created the user. Retries therefore rely on the
 * idempotent reactions ({@link IdentityCenterConflict} on create means "look it up and adopt",
 * {@link IdentityCenterNotFound} on delete means "done").
 */
public final class IdentityCenterUnavailable extends IdentityCenterTransient {

    /**
     * @param retryAfter {@code RetryAfterSeconds} of an InternalServerException, or {@code null}
     */
    public IdentityCenterUnavailable(
            IdentityCenterOperation operation,
            Duration retryAfter,
            String message,
            String awsRequestId,
            Throwable cause) {
        super(operation, retryAfter, message, awsRequestId, cause);
    }
}
