package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.net.AddressRanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AuthFilter} where the client address matters, on a {@link LoopbackGrizzly}: the peer is 127.0.0.1, a
 * trusted proxy here, so {@code X-Forwarded-For} names the client. Failed-authentication backoff is per client,
 * allow-lists see the client, and the audit trail names it.
 */
class AuthOverSocketTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final FakeTokenDatabase database = new FakeTokenDatabase();
    private LoopbackGrizzly server;

    private LoopbackGrizzly start(String trustedProxies) throws IOException {
        Clock clock = Clock.systemUTC();
        AuthFilter.Guards guards = new AuthFilter.Guards(
                new ClientAddresses(AddressRanges.parse(trustedProxies)),
                new AuthBackoff(),
                TokenRateLimit.OFF,
                new ThrottleMetrics(new SimpleMeterRegistry()));
        server = LoopbackGrizzly.start(new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new InProcessJersey.Echo(
                        path -> Response.ok("{}", "application/json").build()))
                .register(new RequestIds(clock))
                .register(new AuthFilter(
                        new Authenticator(database, null, clock, new TokenUsage(database)),
                        new AuthFailures(database, clock),
                        guards,
                        clock))
                .register(new ErrorMapper()));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int status(String secret, String forwardedFor) throws IOException {
        return server.exchange(LoopbackGrizzly.get(
                        "/scim/v2/Users", "Authorization: Bearer " + secret, "X-Forwarded-For: " + forwardedFor))
                .status();
    }

    @Test
    void backoffIsPerClientBehindATrustedProxy() throws IOException {
        start("127.0.0.1/32");
        for (int i = 0; i <= AuthBackoff.FREE_FAILURES; i++) {
            assertThat(status("kiro_guess" + i, "203.0.113.1")).isEqualTo(401);
        }

        LoopbackGrizzly.Raw blocked = server.exchange(LoopbackGrizzly.get(
                "/scim/v2/Users", "Authorization: Bearer kiro_next", "X-Forwarded-For: 203.0.113.1"));

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.headers().get("retry-after")).isEqualTo("1");
        assertThat(blocked.json().get("detail").textValue()).contains("from 203.0.113.1");
        assertThat(status("kiro_other", "198.51.100.7"))
                .as("another client behind the same proxy is not backed off")
                .isEqualTo(401);
        assertThat(database.audited)
                .filteredOn(e -> e.type().equals(AuditEvents.AUTH_FAILED))
                .extracting(FakeTokenDatabase.Audited::source)
                .as("the audit trail names the client, not the proxy")
                .containsExactly("203.0.113.1", "198.51.100.7");
    }

    @Test
    void withoutATrustedProxyForwardedForIsIgnoredAndThePeerIsBackedOff() throws IOException {
        start("10.0.0.0/8");
        for (int i = 0; i <= AuthBackoff.FREE_FAILURES; i++) {
            status("kiro_guess" + i, "203.0.113." + i); // a forged header per request does not escape backoff
        }

        assertThat(status("kiro_next", "198.51.100.99")).isEqualTo(429);
    }

    @ParameterizedTest(name = "token allowed from {0}, client {1} → {2}")
    @CsvSource({"203.0.113.0/24, 203.0.113.5, 200", "203.0.113.0/24, 198.51.100.1, 403", "::/0, 2001:db8::1, 200"})
    void allowListsSeeTheClientAddress(String allowFrom, String client, int expected) throws IOException {
        start("127.0.0.1/32");
        database.addScimToken("pinned", "kiro_pinned", T0, null, allowFrom);

        assertThat(status("kiro_pinned", client)).isEqualTo(expected);
    }
}
