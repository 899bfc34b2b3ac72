package dev.kiroscim.core.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that passes with time (throttling, 5xx, timeout), for which the service may say how long to wait. One
 * class holds the wait so {@link IdentityCenterThrottled} and {@link IdentityCenterUnavailable} differ only in what
 * they mean, and the worker can read {@code retryAfter} from either. Example: {@code RetryAfterSeconds: 2} gives
 * {@code retryAfter() == Optional.of(PT2S)}.
 */
public abstract sealed class IdentityCenterTransient extends IdentityCenterException
        permits IdentityCenterThrottled, IdentityCenterUnavailable {

    private final Duration retryAfter;

    /**
     * @param retryAfter the service's {@code RetryAfterSeconds}, or {@code null} when it sent none
     */
    protected IdentityCenterTransient(
            IdentityCenterOperation operation,
            Duration retryAfter,
            String message,
            String awsRequestId,
            Throwable cause) {
        super(operation, message, awsRequestId, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the service asked us to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
