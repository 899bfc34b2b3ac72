package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MalformedUriGuard} and {@link OversizedHeadResponses}, which act below Jersey, on a {@link LoopbackGrizzly}. */
class GrizzlyEdgeTest {

    private static LoopbackGrizzly server;

    @BeforeAll
    static void start() throws IOException {
        server = LoopbackGrizzly.start(new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new InProcessJersey.Echo(
                        path -> Response.ok("{}", "application/json").build()))
                .register(new RequestHeadLimits())
                .register(new ErrorMapper()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(String target, String... headerLines) {
        return LoopbackGrizzly.get(target, headerLines);
    }

    static Stream<Arguments> heads() {
        String many = IntStream.range(0, RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT + 1)
                .mapToObj(i -> "X-H" + i + ": v")
                .collect(Collectors.joining("\r\n"));
        return Stream.of(
                Arguments.of("a sane request", get("/scim/v2/Users?filter=userName%20eq%20%22a%22"), 200, null),
                Arguments.of(
                        "%zz in the path", get("/scim/v2/Users/%zz"), 400, "the request target is not a valid URI"),
                Arguments.of("a lone % in the query", get("/scim/v2/Users?%"), 400, "not a valid URI"),
                Arguments.of(
                        "a request line over Grizzly's limit",
                        get("/scim/v2/Users?filter=" + "x".repeat(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES)),
                        414,
                        "the request line is longer than"),
                Arguments.of(
                        "headers over Grizzly's byte limit",
                        get("/scim/v2/Users", "X-Big: " + "v".repeat(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES)),
                        431,
                        "the request headers exceed"),
                Arguments.of("more headers than Grizzly's count limit", get("/scim/v2/Users", many), 431, "fields"),
                Arguments.of(
                        "over our limits but under Grizzly's: Jersey's filter answers",
                        get("/scim/v2/Users", "X-Big: " + "v".repeat(RequestHeadLimits.MAX_HEADER_BYTES)),
                        431,
                        "at most 16384 bytes"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("heads")
    void requestsJerseyCannotParseGetScimErrors(String name, String head, int status, String detail)
            throws IOException {
        LoopbackGrizzly.Raw answer = server.exchange(head);

        assertThat(answer.status()).isEqualTo(status);
        if (detail != null) {
            assertThat(answer.headers().get("content-type")).startsWith("application/scim+json");
            JsonNode body = answer.json();
            assertThat(body.get("schemas").get(0).textValue()).isEqualTo(ScimErrors.ERROR_URN);
            assertThat(body.get("status").textValue()).isEqualTo(Integer.toString(status));
            assertThat(body.get("detail").textValue()).contains(detail);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                    .as("no exception or HTML page leaks")
                    .doesNotContain("Exception")
                    .doesNotContain("<html");
        }
    }
}
