package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RequestMetrics}: bounded series whatever the client sends, and an in-flight gauge that returns to 0. */
class RequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InProcessJersey server = InProcessJersey.of(
            new RequestMetrics(registry),
            new RequestIds(Clock.systemUTC()),
            new Overload(10),
            new RequestHeadLimits(),
            new BodyLimit(),
            new ErrorMapper());

    private double requests(String api, String method, int code) {
        return registry.get("kiro.http.requests")
                .tags("api", api, "method", method, "code", Integer.toString(code))
                .counter()
                .count();
    }

    private long seriesOf(String name) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> id.getName().equals(name))
                .count();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "/scim/v2/Users, scim",
        "/scim/v2/Groups/9f1c, scim",
        "/admin/v1/tokens, admin",
        "/metrics, other",
        "/healthz, other",
        "/scimx, other",
        "/administrator, other",
    })
    void requestsAreCountedByApiMethodAndStatus(String path, String api) {
        server.get(path).send();
        server.get(path).send();

        assertThat(requests(api, "GET", 200)).isEqualTo(2);
        assertThat(registry.get("kiro.http.request.duration")
                        .tag("api", api)
                        .timer()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void resourceIdsInThePathDoNotAddSeries() {
        IntStream.range(0, 50)
                .forEach(i -> server.get("/scim/v2/Users/" + UUID.randomUUID()).send());
        IntStream.range(0, 50)
                .forEach(i ->
                        server.get("/no/such/" + UUID.randomUUID() + "?x=" + i).send());

        assertThat(requests("scim", "GET", 200)).isEqualTo(50);
        assertThat(requests("other", "GET", 200)).isEqualTo(50);
        assertThat(seriesOf("kiro.http.requests")).isEqualTo(2);
        assertThat(seriesOf("kiro.http.request.duration")).isEqualTo(2);
    }

    @Test
    void inventedMethodsShareOneSeries() {
        IntStream.range(0, 30)
                .forEach(i -> server.request("X" + i, "/scim/v2/Users").send());
        server.request("PATCH", "/scim/v2/Users").send();

        assertThat(requests("scim", "other", 405))
                .as("a client cannot mint a series per method name")
                .isEqualTo(30);
        assertThat(requests("scim", "PATCH", 405)).isEqualTo(1);
        assertThat(seriesOf("kiro.http.requests")).isEqualTo(2);
    }

    @Test
    void inFlightReturnsToZeroAfterServedAbortedAndFailedRequests() {
        server.get("/scim/v2/Users").send();
        server.get("/scim/v2/Users?f=" + "x".repeat(9000)).send(); // 414 thrown by a later filter
        server.request("DELETE", "/scim/v2/Users").send(); // 405 from routing

        assertThat(registry.get("kiro.http.requests.in.flight").gauge().value()).isZero();
        assertThat(requests("scim", "GET", 414)).isEqualTo(1);
        assertThat(requests("scim", "DELETE", 405)).isEqualTo(1);
    }
}
