package dev.kiroscim.core.sync;

import java.time.Duration;

/**
 * {@code ThrottlingException} (HTTP 400 "Rate exceeded" in the wild, or 429): IAM Identity Center allows 20 TPS in
 * total. Example: {@code retryAfter = PT2S} when the service sent {@code RetryAfterSeconds: 2}.
 */
public final class IdentityCenterThrottled extends IdentityCenterTransient {

    /**
     * @param retryAfter the service's {@code RetryAfterSeconds}, or {@code null} when it sent none
     */
    public IdentityCenterThrottled(
            IdentityCenterOperation operation,
            Duration retryAfter,
            String message,
            String awsRequestId,
            Throwable cause) {
        super(operation, retryAfter, message, awsRequestId, cause);
    }
}
