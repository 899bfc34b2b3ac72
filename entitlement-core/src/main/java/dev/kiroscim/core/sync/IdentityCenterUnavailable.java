package dev.kiroscim.core.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code InternalServerException}, any other 5xx, a timeout or a network error. Retryable.
 *
 * <p>The outcome is unknown: a CreateUser that timed out may have created the user. Retries therefore rely on the
 * idempotent reactions ({@link IdentityCenterConflict} on create means "look it up and adopt",
 * {@link IdentityCenterNotFound} on delete means "done").
 */
public final class IdentityCenterUnavailable extends IdentityCenterException {

    private final Duration retryAfter;

    /**
     * @param retryAfter {@code RetryAfterSeconds} of an InternalServerException, or {@code null}
     */
    public IdentityCenterUnavailable(
            IdentityCenterOperation operation,
            Duration retryAfter,
            String message,
            String awsRequestId,
            Throwable cause) {
        super(operation, message, awsRequestId, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
