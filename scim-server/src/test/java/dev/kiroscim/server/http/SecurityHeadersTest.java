package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.net.AddressRanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SecurityHeaders} on every answer, the errors of each filter and mapper included. */
class SecurityHeadersTest {

    private static final InProcessJersey SERVER = server();

    private static InProcessJersey server() {
        Clock clock = Clock.systemUTC();
        FakeTokenDatabase database = new FakeTokenDatabase();
        AuthFilter.Guards guards = new AuthFilter.Guards(
                new ClientAddresses(AddressRanges.ANY),
                new AuthBackoff(),
                TokenRateLimit.OFF,
                new ThrottleMetrics(new SimpleMeterRegistry()));
        return InProcessJersey.withHandler(
                path -> {
                    if (path.equals("scim/v2/boom")) {
                        throw new IllegalStateException("resource failed");
                    }
                    return Response.ok("{}", "application/json").build();
                },
                new RequestIds(clock),
                new RequestHeadLimits(),
                new HeaderSyntax(),
                new BodyLimit(),
                new AuthFilter(
                        new Authenticator(database, "bootstrap", clock, new TokenUsage(database)),
                        new AuthFailures(database, clock),
                        guards,
                        clock),
                new SecurityHeaders(),
                new ErrorMapper());
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("served", SERVER.get("/scim/v2/Users").header("Authorization", "Bearer bootstrap"), 200),
                Arguments.of("401 from AuthFilter (abortWith)", SERVER.get("/scim/v2/Users"), 401),
                Arguments.of(
                        "400 from HeaderSyntax",
                        SERVER.get("/scim/v2/Users").header("Accept", "application/json;q=x"),
                        400),
                Arguments.of("414 from RequestHeadLimits", SERVER.get("/scim/v2/Users?f=" + "x".repeat(9000)), 414),
                Arguments.of(
                        "413 from BodyLimit",
                        SERVER.post("/scim/v2/Users")
                                .header("Authorization", "Bearer bootstrap")
                                .body(
                                        "application/scim+json",
                                        new ByteArrayInputStream(new byte[BodyLimit.MAX_BYTES + 1])),
                        413),
                Arguments.of(
                        "405 from routing",
                        SERVER.request("DELETE", "/scim/v2/Users").header("Authorization", "Bearer bootstrap"),
                        405),
                Arguments.of(
                        "500 from the resource",
                        SERVER.get("/scim/v2/boom").header("Authorization", "Bearer bootstrap"),
                        500),
                Arguments.of("a probe", SERVER.get("/healthz"), 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerCarriesTheSecurityHeaders(String name, InProcessJersey.Call call, int status) {
        InProcessJersey.Answer answer = call.send();

        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP);
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest(name = "{0}: Cache-Control {1}")
    @org.junit.jupiter.params.provider.CsvSource(
            nullValues = "-",
            value = {"/console/assets/app.js, -", "/console/index.html, no-store", "/console, no-store"})
    void onlyTheConsolesStaticAssetsMayBeCached(String path, String cacheControl) {
        InProcessJersey.Answer answer = SERVER.get(path).send();

        assertThat(answer.header("Cache-Control")).isEqualTo(cacheControl);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
