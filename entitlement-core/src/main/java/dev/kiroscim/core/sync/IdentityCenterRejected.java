package dev.kiroscim.core.sync;

/**
 * The service refused the call for a reason a retry cannot fix: {@code ValidationException} (bad attribute or
 * pattern, e.g. a userName with a space), {@code AccessDeniedException} (missing {@code identitystore:*}
 * permission or KMS access), {@code ServiceQuotaExceededException}, or an unknown identity store id.
 * The outbox worker moves such an item to the dead letters with {@link #errorCode()} and the message.
 */
public final class IdentityCenterRejected extends IdentityCenterException {

    private final String errorCode;

    /**
     * @param errorCode the AWS error code, e.g. {@code ValidationException}
     */
    public IdentityCenterRejected(
            IdentityCenterOperation operation, String errorCode, String message, String awsRequestId, Throwable cause) {
        super(operation, errorCode + ": " + message, awsRequestId, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
