package dev.kiroscim.adapter.aws.identitystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The adapter's wire behaviour for answers the emulator cannot give: a scripted loopback HTTP server replies with
 * the service's JSON error shapes. Checks that the SDK makes exactly one attempt (no SDK retries) and that
 * throttling, 5xx and conflicts arrive as the domain exceptions with the request id.
 */
class IdentityStoreApiDirectoryHttpTest {

    private HttpServer server;
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String body;
    private IdentityStoreApiDirectory store;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + targets.size());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = IdentityStoreApiDirectory.create(
                new IdentityStoreApiConfig("d-0123456789", "eu-west-1", endpoint, 1000),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    @AfterEach
    void stop() {
        store.close();
        server.stop(0);
    }

    private void reply(int httpStatus, String json) {
        status = httpStatus;
        body = json;
    }

    static Stream<Arguments> errorReplies() {
        return Stream.of(
                Arguments.of(
                        400,
                        "{\"__type\":\"ThrottlingException\",\"Message\":\"Rate exceeded\",\"RetryAfterSeconds\":2}",
                        (Consumer<IdentityCenterException>) e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        IdentityCenterThrottled.class,
                                        t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(2)))),
                Arguments.of(500, "{\"__type\":\"InternalServerException\",\"Message\":\"oops\"}", (Consumer<
                                IdentityCenterException>)
                        e -> assertThat(e).isInstanceOf(IdentityCenterUnavailable.class)),
                Arguments.of(502, "<html>bad gateway</html>", (Consumer<IdentityCenterException>)
                        e -> assertThat(e).isInstanceOf(IdentityCenterUnavailable.class)),
                Arguments.of(
                        400,
                        "{\"__type\":\"ConflictException\",\"Message\":\"Duplicate UserName\","
                                + "\"Reason\":\"UNIQUENESS_CONSTRAINT_VIOLATION\"}",
                        (Consumer<IdentityCenterException>)
                                e -> assertThat(e).isInstanceOf(IdentityCenterConflict.class)),
                Arguments.of(
                        403,
                        "{\"__type\":\"AccessDeniedException\",\"Message\":\"not authorized to perform"
                                + " identitystore:CreateUser\"}",
                        (Consumer<IdentityCenterException>) e -> assertThat(e)
                                .isInstanceOf(IdentityCenterRejected.class)
                                .hasMessageContaining("identitystore:CreateUser")));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("errorReplies")
    void an_error_reply_costs_one_attempt_and_maps_to_the_domain(
            int httpStatus, String json, Consumer<IdentityCenterException> check) {
        reply(httpStatus, json);

        assertThatThrownBy(() -> store.createUser(new IdentityCenterUserProfile("alice", "Alice", "A", "B", null)))
                .isInstanceOfSatisfying(IdentityCenterException.class, e -> {
                    check.accept(e);
                    assertThat(e.awsRequestId()).isEqualTo("req-1");
                });
        assertThat(targets).containsExactly("AWSIdentityStore.CreateUser");
    }

    @Test
    void a_concurrent_modification_on_add_membership_is_thrown_not_reported_as_already_member() {
        reply(400, "{\"__type\":\"ConflictException\",\"Message\":\"busy\",\"Reason\":\"CONCURRENT_MODIFICATION\"}");

        assertThatThrownBy(() -> store.addMembership("g", "u"))
                .isInstanceOfSatisfying(
                        IdentityCenterConflict.class,
                        c -> assertThat(c.retryable()).isTrue());
    }

    @Test
    void a_uniqueness_conflict_on_add_membership_is_already_member() {
        reply(
                400,
                "{\"__type\":\"ConflictException\",\"Message\":\"exists\",\"Reason\":\"UNIQUENESS_CONSTRAINT_VIOLATION\"}");

        assertThat(store.addMembership("g", "u")).isEqualTo(new AddMembershipResult.AlreadyMember());
        assertThat(targets).containsExactly("AWSIdentityStore.CreateGroupMembership");
    }

    @Test
    void an_unknown_identity_store_is_a_configuration_error_not_an_empty_result() {
        reply(
                400,
                "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"no store\",\"ResourceType\":\"IDENTITY_STORE\"}");

        assertThatThrownBy(() -> store.findUserIdByUserName("alice")).isInstanceOf(IdentityCenterRejected.class);
    }

    @Test
    void an_empty_update_makes_no_call() {
        reply(200, "{}");

        store.updateUser("u", List.of());

        assertThat(targets).isEmpty();
    }
}
