package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.directory.events.Actor;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.UUID;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RequestIds}: a sane incoming {@code X-Request-Id} is kept and echoed, anything else is replaced. */
class RequestIdsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final InProcessJersey SERVER = InProcessJersey.of(new RequestIds(CLOCK), new ErrorMapper());

    @ParameterizedTest(name = "kept: {0}")
    @ValueSource(
            strings = {
                "okta-run-42",
                "3f2c9a4e-8b1d-4c7e-9f00-1a2b3c4d5e6f",
                "a",
                "trace.id:span_1-2",
            })
    void aSaneIdIsKeptAndEchoed(String id) {
        assertThat(SERVER.get("/scim/v2/Users")
                        .header("X-Request-Id", id)
                        .send()
                        .header("X-Request-Id"))
                .isEqualTo(id);
    }

    @ParameterizedTest(name = "replaced: [{0}]")
    @ValueSource(
            strings = {
                "",
                " ",
                "has space",
                "line\r\nSet-Cookie: x=1",
                "<script>alert(1)</script>",
                "${jndi:ldap://x/a}",
                "Root=1-67891234",
                "café",
                "id;drop table",
            })
    void aHostileIdIsReplacedByAUuid(String id) {
        String echoed =
                SERVER.get("/scim/v2/Users").header("X-Request-Id", id).send().header("X-Request-Id");
        assertThat(echoed).isNotEqualTo(id);
        assertThat(UUID.fromString(echoed)).isNotNull();
    }

    @Test
    void anIdOver128CharactersIsReplaced() {
        String longest = "a".repeat(128);
        assertThat(SERVER.get("/").header("X-Request-Id", longest).send().header("X-Request-Id"))
                .isEqualTo(longest);
        assertThat(SERVER.get("/").header("X-Request-Id", longest + "a").send().header("X-Request-Id"))
                .hasSize(36);
    }

    @Test
    void withoutAnIdEachRequestGetsItsOwnAndErrorsCarryItToo() {
        String first = SERVER.get("/scim/v2/Users").send().header("X-Request-Id");
        String second = SERVER.request("DELETE", "/scim/v2/Users").send().header("X-Request-Id");
        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    void theChangeContextNamesTheCallerItsAddressTheRequestIdAndTheTime() {
        RequestIds ids = new RequestIds(CLOCK);
        ContainerRequest request = new ContainerRequest(
                URI.create("http://localhost/"),
                URI.create("http://localhost/scim/v2/Users"),
                "POST",
                null,
                new MapPropertiesDelegate(),
                null);
        request.header("X-Request-Id", "okta-run-42");
        ids.filter(request);

        ChangeContext anonymous = ids.context(request);
        request.setProperty(AuthFilter.CLIENT_ADDRESS, "203.0.113.9");
        request.setProperty(AuthFilter.CALLER, new Authenticator.Caller("okta", EnumSet.of(Scope.SCIM)));
        ChangeContext byToken = ids.context(request);

        assertThat(anonymous.by()).isEqualTo(Actor.anonymous(null));
        assertThat(byToken.by()).isEqualTo(Actor.token("okta", "203.0.113.9"));
        assertThat(byToken.requestId()).isEqualTo("okta-run-42").isEqualTo(RequestIds.id(request));
        assertThat(byToken.at()).isEqualTo(T0);
    }
}
