package dev.kiroscim.adapter.aws.identitystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.model.AccessDeniedException;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.IdentitystoreException;
import software.amazon.awssdk.services.identitystore.model.InternalServerException;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.identitystore.model.ThrottlingException;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

class AwsErrorsTest {

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    static Stream<Arguments> mappings() {
        return Stream.of(
                // SDK exception, domain type, retryable, retryAfter (null = none), request id, detail
                Arguments.of(
                        ThrottlingException.builder()
                                .retryAfterSeconds(3)
                                .requestId("r-1")
                                .awsErrorDetails(details("ThrottlingException", "Rate exceeded"))
                                .statusCode(400)
                                .build(),
                        IdentityCenterThrottled.class,
                        true,
                        Duration.ofSeconds(3),
                        "r-1",
                        "Rate exceeded"),
                Arguments.of(
                        ThrottlingException.builder()
                                .requestIdValue("body-id")
                                .statusCode(400)
                                .build(),
                        IdentityCenterThrottled.class,
                        true,
                        null,
                        "body-id",
                        null),
                Arguments.of(
                        IdentitystoreException.builder()
                                .statusCode(429)
                                .requestId("r-2")
                                .build(),
                        IdentityCenterThrottled.class,
                        true,
                        null,
                        "r-2",
                        null),
                Arguments.of(
                        InternalServerException.builder()
                                .retryAfterSeconds(5)
                                .requestId("r-3")
                                .statusCode(500)
                                .build(),
                        IdentityCenterUnavailable.class,
                        true,
                        Duration.ofSeconds(5),
                        "r-3",
                        null),
                Arguments.of(
                        IdentitystoreException.builder()
                                .statusCode(503)
                                .requestId("r-4")
                                .build(),
                        IdentityCenterUnavailable.class,
                        true,
                        null,
                        "r-4",
                        null),
                Arguments.of(
                        ApiCallTimeoutException.create(15_000),
                        IdentityCenterUnavailable.class,
                        true,
                        null,
                        null,
                        null),
                Arguments.of(
                        SdkClientException.create("Connection refused"),
                        IdentityCenterUnavailable.class,
                        true,
                        null,
                        null,
                        "Connection refused"),
                Arguments.of(
                        ConflictException.builder()
                                .reason("UNIQUENESS_CONSTRAINT_VIOLATION")
                                .requestId("r-5")
                                .awsErrorDetails(details("ConflictException", "Duplicate UserName"))
                                .statusCode(400)
                                .build(),
                        IdentityCenterConflict.class,
                        false,
                        null,
                        "r-5",
                        "Duplicate UserName"),
                Arguments.of(
                        ConflictException.builder()
                                .reason("CONCURRENT_MODIFICATION")
                                .statusCode(400)
                                .build(),
                        IdentityCenterConflict.class,
                        true,
                        null,
                        null,
                        null),
                Arguments.of(
                        ResourceNotFoundException.builder()
                                .resourceType("USER")
                                .resourceId("u-1")
                                .requestId("r-6")
                                .statusCode(400)
                                .build(),
                        IdentityCenterNotFound.class,
                        false,
                        null,
                        "r-6",
                        null),
                Arguments.of(
                        ResourceNotFoundException.builder()
                                .resourceType("IDENTITY_STORE")
                                .statusCode(400)
                                .awsErrorDetails(details("ResourceNotFoundException", "store not found"))
                                .build(),
                        IdentityCenterRejected.class,
                        false,
                        null,
                        null,
                        "store not found"),
                Arguments.of(
                        ValidationException.builder()
                                .requestId("r-7")
                                .statusCode(400)
                                .awsErrorDetails(details("ValidationException", "bad userName"))
                                .build(),
                        IdentityCenterRejected.class,
                        false,
                        null,
                        "r-7",
                        "bad userName"),
                Arguments.of(
                        AccessDeniedException.builder()
                                .requestId("r-8")
                                .statusCode(403)
                                .awsErrorDetails(details("AccessDeniedException", "not authorized"))
                                .build(),
                        IdentityCenterRejected.class,
                        false,
                        null,
                        "r-8",
                        "not authorized"),
                Arguments.of(
                        ServiceQuotaExceededException.builder().statusCode(400).build(),
                        IdentityCenterRejected.class,
                        false,
                        null,
                        null,
                        null),
                Arguments.of(
                        AwsServiceException.builder()
                                .statusCode(400)
                                .awsErrorDetails(details("UnrecognizedClientException", "bad token"))
                                .build(),
                        IdentityCenterRejected.class,
                        false,
                        null,
                        null,
                        "bad token"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("mappings")
    void maps_sdk_exceptions_to_domain_exceptions(
            SdkException sdk,
            Class<? extends IdentityCenterException> type,
            boolean retryable,
            Duration retryAfter,
            String requestId,
            String detail) {
        IdentityCenterException mapped = AwsErrors.map(IdentityCenterOperation.CREATE_USER, sdk);

        assertThat(mapped).isInstanceOf(type).hasCause(sdk);
        assertThat(mapped.retryable()).isEqualTo(retryable);
        assertThat(mapped.awsRequestId()).isEqualTo(requestId);
        assertThat(mapped.operation()).isEqualTo(IdentityCenterOperation.CREATE_USER);
        assertThat(mapped.getMessage()).startsWith("CreateUser: ");
        if (detail != null) {
            assertThat(mapped.getMessage()).contains(detail);
        }
        if (mapped instanceof IdentityCenterThrottled throttled) {
            assertThat(throttled.retryAfter().orElse(null)).isEqualTo(retryAfter);
        }
        if (mapped instanceof IdentityCenterUnavailable unavailable) {
            assertThat(unavailable.retryAfter().orElse(null)).isEqualTo(retryAfter);
        }
        if (mapped instanceof IdentityCenterNotFound notFound) {
            assertThat(notFound.resourceType()).isEqualTo("USER");
            assertThat(notFound.resourceId()).isEqualTo("u-1");
        }
    }
}
