package dev.kiroscim.adapter.aws.identitystore;

import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
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
 * Maps AWS SDK exceptions to the domain's {@link IdentityCenterException}s, keeping the AWS request id.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>SDK</th><th>Domain</th></tr>
 *   <tr><td>ThrottlingException, any HTTP 429</td><td>IdentityCenterThrottled (RetryAfterSeconds)</td></tr>
 *   <tr><td>InternalServerException, any 5xx, SdkClientException (timeouts, I/O)</td><td>IdentityCenterUnavailable</td></tr>
 *   <tr><td>ConflictException</td><td>IdentityCenterConflict (reason)</td></tr>
 *   <tr><td>ResourceNotFoundException of a user, group or membership</td><td>IdentityCenterNotFound</td></tr>
 *   <tr><td>ResourceNotFoundException of the identity store, ValidationException, AccessDeniedException,
 *       ServiceQuotaExceededException, other 4xx</td><td>IdentityCenterRejected</td></tr>
 * </table>
 */
final class AwsErrors {

    private AwsErrors() {}

    static IdentityCenterException map(IdentityCenterOperation operation, SdkException error) {
        if (!(error instanceof AwsServiceException service)) {
            // SdkClientException and its timeouts (ApiCallTimeoutException, ApiCallAttemptTimeoutException):
            // no answer from the service, so the outcome is unknown.
            return new IdentityCenterUnavailable(operation, null, error.getMessage(), null, error);
        }
        String message = messageOf(service);
        if (service instanceof ThrottlingException throttling) {
            return new IdentityCenterThrottled(
                    operation,
                    seconds(throttling.retryAfterSeconds()),
                    message,
                    requestId(service, throttling.requestIdValue()),
                    error);
        }
        if (service instanceof InternalServerException internal) {
            return new IdentityCenterUnavailable(
                    operation,
                    seconds(internal.retryAfterSeconds()),
                    message,
                    requestId(service, internal.requestIdValue()),
                    error);
        }
        if (service instanceof ConflictException conflict) {
            return new IdentityCenterConflict(
                    operation,
                    conflictReason(conflict.reasonAsString()),
                    message,
                    requestId(service, conflict.requestIdValue()),
                    error);
        }
        if (service instanceof ResourceNotFoundException notFound) {
            String requestId = requestId(service, notFound.requestIdValue());
            if (notFound.resourceType() == ResourceType.IDENTITY_STORE) {
                return new IdentityCenterRejected(operation, errorCode(service), message, requestId, error);
            }
            return new IdentityCenterNotFound(
                    operation, notFound.resourceTypeAsString(), notFound.resourceId(), message, requestId, error);
        }
        if (service instanceof ValidationException validation) {
            return new IdentityCenterRejected(
                    operation, "ValidationException", message, requestId(service, validation.requestIdValue()), error);
        }
        if (service instanceof AccessDeniedException denied) {
            return new IdentityCenterRejected(
                    operation, "AccessDeniedException", message, requestId(service, denied.requestIdValue()), error);
        }
        if (service instanceof ServiceQuotaExceededException quota) {
            return new IdentityCenterRejected(
                    operation,
                    "ServiceQuotaExceededException",
                    message,
                    requestId(service, quota.requestIdValue()),
                    error);
        }
        int status = service.statusCode();
        if (status == 429) {
            return new IdentityCenterThrottled(operation, null, message, service.requestId(), error);
        }
        if (status >= 500 || status == 0) {
            return new IdentityCenterUnavailable(operation, null, message, service.requestId(), error);
        }
        return new IdentityCenterRejected(operation, errorCode(service), message, service.requestId(), error);
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

    private static IdentityCenterConflict.Reason conflictReason(String reason) {
        if (reason == null) {
            return IdentityCenterConflict.Reason.UNKNOWN;
        }
        try {
            return IdentityCenterConflict.Reason.valueOf(reason);
        } catch (IllegalArgumentException unknown) {
            return IdentityCenterConflict.Reason.UNKNOWN;
        }
    }
}
