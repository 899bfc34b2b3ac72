package dev.kiroscim.core.sync;

/**
 * {@code ConflictException}. With {@link Reason#UNIQUENESS_CONSTRAINT_VIOLATION} the userName, email, group
 * displayName or membership already exists: look it up and adopt it, never create a second one. With
 * {@link Reason#CONCURRENT_MODIFICATION} someone else was changing the resource: retry.
 */
public final class IdentityCenterConflict extends IdentityCenterException {

    /** The service's {@code ConflictExceptionReason}; {@link #UNKNOWN} when absent or new. */
    public enum Reason {
        UNIQUENESS_CONSTRAINT_VIOLATION,
        CONCURRENT_MODIFICATION,
        UNKNOWN
    }

    private final Reason reason;

    public IdentityCenterConflict(
            IdentityCenterOperation operation, Reason reason, String message, String awsRequestId, Throwable cause) {
        super(operation, message, awsRequestId, cause);
        this.reason = reason == null ? Reason.UNKNOWN : reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Only a concurrent modification goes away by itself; a taken name stays taken. */
    @Override
    public boolean retryable() {
        return reason == Reason.CONCURRENT_MODIFICATION;
    }
}
