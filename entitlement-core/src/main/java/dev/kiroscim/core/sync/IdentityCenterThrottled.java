package dev.kiroscim.core.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code ThrottlingException} (HTTP 400 "Rate exceeded" in the wild, or 429): IAM Identity Center allows 20 TPS in
 * total. Example: {@code retryAfter = PT2S} when the service sent {@code RetryAfterSeconds: 2}.
 */
public final class IdentityCenterThrottled extends IdentityCenterException {

    private final Duration retryAfter;

    /**
     * @param retryAfter the service's {@code RetryAfterSeconds}, or {@code null} when it sent none
     */
    public IdentityCenterThrottled(
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
