package dev.kiroscim.core.sync;

import java.util.Objects;

/**
 * A failed Identity Store call, classified so the sync worker can decide without knowing the AWS SDK:
 * {@link #retryable()} says whether the same call may succeed later.
 *
 * <ul>
 *   <li>{@link IdentityCenterThrottled}: too many calls; retry after {@code retryAfter} or with backoff.</li>
 *   <li>{@link IdentityCenterUnavailable}: 5xx, timeout or network error; retry with backoff. The call may have
 *       taken effect, so the retry must be idempotent.</li>
 *   <li>{@link IdentityCenterConflict}: a uniqueness claim is taken (look it up and adopt) or a concurrent
 *       modification (retry).</li>
 *   <li>{@link IdentityCenterNotFound}: the user, group or membership does not exist.</li>
 *   <li>{@link IdentityCenterRejected}: validation, access denied, quota: retrying the same call cannot help.</li>
 * </ul>
 */
public abstract sealed class IdentityCenterException extends RuntimeException
        permits IdentityCenterTransient, IdentityCenterConflict, IdentityCenterNotFound, IdentityCenterRejected {

    private final IdentityCenterOperation operation;
    private final String awsRequestId;

    protected IdentityCenterException(
            IdentityCenterOperation operation, String message, String awsRequestId, Throwable cause) {
        super(
                operation.apiName() + ": " + message
                        + (awsRequestId == null ? "" : " (request id " + awsRequestId + ")"),
                cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.awsRequestId = awsRequestId;
    }

    /** The call that failed. */
    public IdentityCenterOperation operation() {
        return operation;
    }

    /** The AWS request id for support cases and CloudTrail, or {@code null} when no response arrived. */
    public String awsRequestId() {
        return awsRequestId;
    }

    /** Whether repeating the same call later may succeed. */
    public abstract boolean retryable();
}
