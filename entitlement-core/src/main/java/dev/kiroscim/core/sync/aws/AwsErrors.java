package dev.kiroscim.core.sync.aws;

import dev.kiroscim.core.sync.IdentityStoreConflict;
import dev.kiroscim.core.sync.IdentityStoreException;
import dev.kiroscim.core.sync.IdentityStoreNotFound;
import dev.kiroscim.core.sync.IdentityStoreOperation;
import dev.kiroscim.core.sync.IdentityStoreRejected;
import dev.kiroscim.core.sync.IdentityStoreThrottled;
import dev.kiroscim.core.sync.IdentityStoreUnavailable;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.model.AccessDeniedException;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.InternalServerException;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ResourceType;
import software.amazon.awssdk.services.identitystore.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.identitystore.model.ThrottlingException;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/**
 * Maps AWS SDK exceptions to the domain's {@link IdentityStoreException}s, keeping the AWS request id.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>SDK</th><th>Domain</th></tr>
 *   <tr><td>ThrottlingException, any HTTP 429</td><td>IdentityStoreThrottled (RetryAfterSeconds)</td></tr>
 *   <tr><td>InternalServerException, any 5xx, SdkClientException (timeouts, I/O)</td><td>IdentityStoreUnavailable</td></tr>
 *   <tr><td>ConflictException</td><td>IdentityStoreConflict (reason)</td></tr>
 *   <tr><td>ResourceNotFoundException of a user, group or membership</td><td>IdentityStoreNotFound</td></tr>
 *   <tr><td>ResourceNotFoundException of the identity store, ValidationException, AccessDeniedException,
 *       ServiceQuotaExceededException, other 4xx</td><td>IdentityStoreRejected</td></tr>
 * </table>
 */
final class AwsErrors {

    private AwsErrors() {
    }

    static IdentityStoreException map(IdentityStoreOperation operation, SdkException error) {
        if (!(error instanceof AwsServiceException service)) {
            // SdkClientException and its timeouts (ApiCallTimeoutException, ApiCallAttemptTimeoutException):
            // no answer from the service, so the outcome is unknown.
            return new IdentityStoreUnavailable(operation, null, error.getMessage(), null, error);
        }
        String message = messageOf(service);
        if (service instanceof ThrottlingException throttling) {
            return new IdentityStoreThrottled(operation, seconds(throttling.retryAfterSeconds()), message,
                    requestId(service, throttling.requestIdValue()), error);
        }
        if (service instanceof InternalServerException internal) {
            return new IdentityStoreUnavailable(operation, seconds(internal.retryAfterSeconds()), message,
                    requestId(service, internal.requestIdValue()), error);
        }
        if (service instanceof ConflictException conflict) {
            return new IdentityStoreConflict(operation, conflictReason(conflict.reasonAsString()), message,
                    requestId(service, conflict.requestIdValue()), error);
        }
        if (service instanceof ResourceNotFoundException notFound) {
            String requestId = requestId(service, notFound.requestIdValue());
            if (notFound.resourceType() == ResourceType.IDENTITY_STORE) {
                return new IdentityStoreRejected(operation, errorCode(service), message, requestId, error);
            }
            return new IdentityStoreNotFound(operation, notFound.resourceTypeAsString(), notFound.resourceId(),
                    message, requestId, error);
        }
        if (service instanceof ValidationException validation) {
            return new IdentityStoreRejected(operation, "ValidationException", message,
                    requestId(service, validation.requestIdValue()), error);
        }
        if (service instanceof AccessDeniedException denied) {
            return new IdentityStoreRejected(operation, "AccessDeniedException", message,
                    requestId(service, denied.requestIdValue()), error);
        }
        if (service instanceof ServiceQuotaExceededException quota) {
            return new IdentityStoreRejected(operation, "ServiceQuotaExceededException", message,
                    requestId(service, quota.requestIdValue()), error);
        }
        int status = service.statusCode();
        if (status == 429) {
            return new IdentityStoreThrottled(operation, null, message, service.requestId(), error);
        }
        if (status >= 500 || status == 0) {
            return new IdentityStoreUnavailable(operation, null, message, service.requestId(), error);
        }
        return new IdentityStoreRejected(operation, errorCode(service), message, service.requestId(), error);
    }

    /** The {@code x-amzn-RequestId} header, else the {@code RequestId} the error body carries. */
    private static String requestId(AwsServiceException error, String fromBody) {
        String fromHeader = error.requestId();
        return fromHeader != null && !fromHeader.isBlank() ? fromHeader : fromBody;
    }

    private static String messageOf(AwsServiceException error) {
        if (error.awsErrorDetails() != null && error.awsErrorDetails().errorMessage() != null) {
            return error.awsErrorDetails().errorMessage();
        }
        return error.getMessage();
    }

    private static String errorCode(AwsServiceException error) {
        if (error.awsErrorDetails() != null && error.awsErrorDetails().errorCode() != null) {
            return error.awsErrorDetails().errorCode();
        }
        return "HTTP " + error.statusCode();
    }

    private static Duration seconds(Integer value) {
        return value == null ? null : Duration.ofSeconds(value);
    }

    private static IdentityStoreConflict.Reason conflictReason(String reason) {
        if (reason == null) {
            return IdentityStoreConflict.Reason.UNKNOWN;
        }
        try {
            return IdentityStoreConflict.Reason.valueOf(reason);
        } catch (IllegalArgumentException unknown) {
            return IdentityStoreConflict.Reason.UNKNOWN;
        }
    }
}
