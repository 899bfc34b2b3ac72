package dev.kiroscim.core.sync;

/**
 * {@code ResourceNotFoundException} for a user, group or membership. Deletes in {@link IdentityCenterDirectory} already treat
 * it as success; elsewhere it means our map points at something that was deleted behind our back (drift).
 *
 * <p>A missing identity store is not reported as this but as {@link IdentityCenterRejected}: it is a
 * configuration error, not drift.
 */
public final class IdentityCenterNotFound extends IdentityCenterException {

    private final String resourceType;
    private final String resourceId;

    /**
     * @param resourceType {@code USER}, {@code GROUP}, {@code GROUP_MEMBERSHIP}, or {@code null} when not sent
     * @param resourceId   the id the service could not find, or {@code null} when not sent
     */
    public IdentityCenterNotFound(
            IdentityCenterOperation operation,
            String resourceType,
            String resourceId,
            String message,
            String awsRequestId,
            Throwable cause) {
        super(operation, message, awsRequestId, cause);
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
