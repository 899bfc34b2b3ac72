package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * {@link AuthFilter} with the real {@link Authenticator}, {@link AuthFailures}, {@link AuthBackoff} and
 * {@link TokenRateLimit}, run through Jersey's pipeline in process. Each refusal is checked as a client sees it:
 * status, RFC 7644 §3.12 body (or the admin API's body), {@code WWW-Authenticate}, {@code Retry-After}.
 */
class AuthFilterTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String OKTA_SECRET = "kiro_okta-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String ADMIN_SECRET = "kiro_admin-secret-0123456789abcdefghijklmnopqrstuvwxy";
    private static final String BOOTSTRAP = "bootstrap-secret-for-tests";

    private final MutableClock clock = new MutableClock(T0);
    private final FakeTokenDatabase database = new FakeTokenDatabase();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ThrottleMetrics metrics = new ThrottleMetrics(registry);
    private final TokenUsage usage = new TokenUsage(database);
    private final Authenticator authenticator = new Authenticator(database, BOOTSTRAP, clock, usage);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void tokens() {
        database.add(new ApiToken("okta", TokenHash.of(OKTA_SECRET), Scope.SCIM, T0));
        database.add(new ApiToken("ops", TokenHash.of(ADMIN_SECRET), Scope.ADMIN, T0));
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturingLogs() {
        root.detachAppender(logs);
    }

    private InProcessJersey server(TokenRateLimit rateLimit) {
        AuthFilter.Guards guards =
                new AuthFilter.Guards(new ClientAddresses(AddressRanges.ANY), new AuthBackoff(), rateLimit, metrics);
        return InProcessJersey.of(
                new RequestIds(clock),
                new AuthFilter(authenticator, new AuthFailures(database, clock), guards, clock),
                new ErrorMapper());
    }

    private InProcessJersey server() {
        return server(TokenRateLimit.OFF);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("Bearer", "/scim/v2/Users", "Bearer " + OKTA_SECRET),
                Arguments.of("bearer, any case, padded", "/scim/v2/Users", "  bEaReR   " + OKTA_SECRET + "  "),
                Arguments.of("Basic name:token (Okta)", "/scim/v2/Users", basic("okta", OKTA_SECRET)),
                Arguments.of("admin token on the admin API", "/admin/v1/tokens", "Bearer " + ADMIN_SECRET),
                Arguments.of("admin token on /metrics", "/metrics", "Bearer " + ADMIN_SECRET),
                Arguments.of("bootstrap token on SCIM", "/scim/v2/Users", "Bearer " + BOOTSTRAP),
                Arguments.of("bootstrap token on the admin API", "/admin/v1/tokens", "Bearer " + BOOTSTRAP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void validCredentialsReachTheResource(String name, String path, String authorization) {
        InProcessJersey.Answer answer =
                server().get(path).header("Authorization", authorization).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(database.audited).isEmpty();
    }

    /** A refusal as the client must see it; {@code detail} is a fragment of the message. */
    record Refusal(int status, String detail, boolean challenge) {}

    static Stream<Arguments> refused() {
        Refusal invalid = new Refusal(401, "missing or invalid credentials", true);
        return Stream.of(
                Arguments.of("missing", "/scim/v2/Users", null, invalid),
                Arguments.of("empty", "/scim/v2/Users", "", invalid),
                Arguments.of("unknown scheme", "/scim/v2/Users", "Token " + OKTA_SECRET, invalid),
                Arguments.of("Basic, not base64", "/scim/v2/Users", "Basic !!!not-base64", invalid),
                Arguments.of(
                        "Basic without a colon",
                        "/scim/v2/Users",
                        "Basic " + Base64.getEncoder().encodeToString(OKTA_SECRET.getBytes(StandardCharsets.UTF_8)),
                        invalid),
                Arguments.of("Basic with another token's name", "/scim/v2/Users", basic("ops", OKTA_SECRET), invalid),
                Arguments.of("Basic naming the bootstrap wrongly", "/scim/v2/Users", basic("x", BOOTSTRAP), invalid),
                Arguments.of("unknown token", "/scim/v2/Users", "Bearer kiro_guess", invalid),
                Arguments.of(
                        "token's hash sent as the token",
                        "/scim/v2/Users",
                        "Bearer " + TokenHash.of(OKTA_SECRET),
                        invalid),
                Arguments.of(
                        "SCIM token on /metrics",
                        "/metrics",
                        "Bearer " + OKTA_SECRET,
                        new Refusal(403, "token 'okta' lacks the admin scope", false)),
                Arguments.of(
                        "admin token on SCIM",
                        "/scim/v2/Users",
                        "Bearer " + ADMIN_SECRET,
                        new Refusal(403, "token 'ops' lacks the scim scope", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusalsOnTheScimApiAreScimErrors(String name, String path, String authorization, Refusal expected) {
        InProcessJersey.Call call = server().get(path);
        if (authorization != null) {
            call.header("Authorization", authorization);
        }
        InProcessJersey.Answer answer = call.send();

        assertScimError(answer, expected.status(), expected.detail());
        assertThat(answer.header("WWW-Authenticate"))
                .isEqualTo(expected.challenge() ? "Bearer realm=\"kiro-scim-bridge\"" : null);
        assertThat(answer.header("Retry-After")).isNull();
        assertThat(answer.json().has("scimType"))
                .as("RFC 7644 defines no scimType for 401/403")
                .isFalse();
        assertNoSecretIn(answer);
    }

    @Test
    void scimTokenOnTheAdminApiIsRefusedWithAnAdminErrorBody() {
        InProcessJersey.Answer answer = server().get("/admin/v1/tokens")
                .header("Authorization", "Bearer " + OKTA_SECRET)
                .send();

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("status").intValue()).isEqualTo(403);
        assertThat(answer.json().get("message").textValue()).isEqualTo("token 'okta' lacks the admin scope");
    }

    @Test
    void expiredTokenIs401NamingTheTokenAndItsExpiry() {
        database.addScimToken("old", "kiro_old", T0, T0.plusSeconds(60), null);
        InProcessJersey server = server();
        assertThat(server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer kiro_old")
                        .send()
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));
        InProcessJersey.Answer answer = server.get("/scim/v2/Users")
                .header("Authorization", "Bearer kiro_old")
                .send();

        assertScimError(answer, 401, "token 'old' expired at " + T0.plusSeconds(60));
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer ");
    }

    @Test
    void revokedTokenIsRefusedAtOnceOnThisReplicaAndWithinTheCacheTtlElsewhere() {
        InProcessJersey server = server();
        Consumer<Integer> expect = status -> assertThat(server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer " + OKTA_SECRET)
                        .send()
                        .status())
                .isEqualTo(status);
        expect.accept(200);

        database.revoke("okta"); // revoked on another replica: this one still has it cached
        expect.accept(200);
        clock.advance(Authenticator.CACHE_TTL);
        expect.accept(401);

        database.add(new ApiToken("okta", TokenHash.of(OKTA_SECRET), Scope.SCIM, T0));
        clock.advance(Authenticator.CACHE_TTL);
        expect.accept(200);
        database.revoke("okta"); // revoked here: TokensResource invalidates the cache
        authenticator.invalidate();
        expect.accept(401);
    }

    @Test
    void tokenFromOutsideItsAllowListIs403WithoutAChallenge() {
        database.addScimToken("pinned", "kiro_pinned", T0, null, "10.0.0.0/8");

        InProcessJersey.Answer answer = server().get("/scim/v2/Users")
                .header("Authorization", "Bearer kiro_pinned")
                .send();

        assertScimError(answer, 403, "token 'pinned' may not be used from");
        assertThat(answer.header("WWW-Authenticate")).isNull();
    }

    @Test
    void tokensAreLookedUpByTheirSha256AndNeverLoggedEchoedOrAudited() {
        InProcessJersey server = server();
        server.get("/scim/v2/Users")
                .header("Authorization", "Bearer " + OKTA_SECRET)
                .send();
        InProcessJersey.Answer refused = server.get("/scim/v2/Users")
                .header("Authorization", "Bearer kiro_wrong-guess")
                .send();

        assertThat(database.lookedUp).containsExactly(TokenHash.of(OKTA_SECRET), TokenHash.of("kiro_wrong-guess"));
        assertThat(database.uses).as("last-used is written later, in a batch").isEmpty();
        usage.flush();
        assertThat(database.uses)
                .as("only the accepted secret's use is recorded, by hash")
                .extracting(FakeTokenDatabase.Use::hash)
                .containsExactly(TokenHash.of(OKTA_SECRET));
        assertNoSecretIn(refused);
        assertThat(refused.text()).doesNotContain("kiro_wrong-guess");
        assertThat(database.audited).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEvents.AUTH_FAILED);
            assertThat(event.details()).containsEntry("reason", "invalid credentials");
            assertThat(event.toString()).doesNotContain("kiro_wrong-guess").doesNotContain(OKTA_SECRET);
        });
        assertThat(logs.list)
                .map(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(OKTA_SECRET) || line.contains("kiro_wrong-guess"));
    }

    @Test
    void probesNeedNoCredentials() {
        InProcessJersey server = server();
        assertThat(server.get("/healthz").send().status()).isEqualTo(200);
        assertThat(server.get("/readyz").send().status()).isEqualTo(200);
        assertThat(database.audited).isEmpty();
        assertThat(registry.get("kiro.auth.failures").counter().count()).isZero();
    }

    @Test
    void repeatedFailuresBackOffWithRetryAfterButAKnownGoodTokenStillPasses() {
        InProcessJersey server = server();
        // Okta succeeds once from the shared egress address, then an attacker guesses from it.
        assertThat(server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer " + OKTA_SECRET)
                        .send()
                        .status())
                .isEqualTo(200);
        for (int i = 0; i <= AuthBackoff.FREE_FAILURES; i++) {
            assertThat(server.get("/scim/v2/Users")
                            .header("Authorization", "Bearer kiro_guess" + i)
                            .send()
                            .status())
                    .isEqualTo(401);
        }
        int lookupsBefore = database.lookedUp.size();

        InProcessJersey.Answer blocked = server.get("/scim/v2/Users")
                .header("Authorization", "Bearer kiro_next-guess")
                .send();

        assertScimError(blocked, 429, "too many failed authentications");
        assertThat(blocked.header("Retry-After")).isEqualTo("1");
        assertThat(database.lookedUp)
                .as("a guess in backoff is not even checked")
                .hasSize(lookupsBefore);
        assertThat(registry.get("kiro.throttled.requests")
                        .tag("reason", "auth-backoff")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("kiro.auth.failures").counter().count()).isEqualTo(AuthBackoff.FREE_FAILURES + 1);
        assertThat(server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer " + OKTA_SECRET)
                        .send()
                        .status())
                .as("the IdP sharing the address keeps working")
                .isEqualTo(200);
    }

    @Test
    void aTokenOverItsRateLimitIs429WithRetryAfterAndOtherTokensAreUnaffected() {
        InProcessJersey server = server(new TokenRateLimit(0.5, 2));
        List<Integer> okta = Stream.generate(() -> server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer " + OKTA_SECRET)
                        .send()
                        .status())
                .limit(3)
                .toList();
        InProcessJersey.Answer limited = server.get("/scim/v2/Users")
                .header("Authorization", "Bearer " + OKTA_SECRET)
                .send();

        assertThat(okta).containsExactly(200, 200, 429);
        assertScimError(limited, 429, "token 'okta' is over its rate limit");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(server.get("/scim/v2/Users")
                        .header("Authorization", "Bearer " + BOOTSTRAP)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(registry.get("kiro.throttled.requests")
                        .tag("reason", "rate-limit")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(database.audited)
                .as("one auth.throttled event per token per window")
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(AuditEvents.AUTH_THROTTLED));
    }

    static void assertScimError(InProcessJersey.Answer answer, int status, String detailFragment) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/scim+json");
        JsonNode body = answer.json();
        assertThat(body.get("schemas"))
                .containsExactly(new com.fasterxml.jackson.databind.node.TextNode(ScimErrors.ERROR_URN));
        assertThat(body.get("status").isTextual()).as("status is a string").isTrue();
        assertThat(body.get("status").textValue()).isEqualTo(Integer.toString(status));
        assertThat(body.get("detail").textValue()).contains(detailFragment);
    }

    private static void assertNoSecretIn(InProcessJersey.Answer answer) {
        assertThat(answer.text())
                .doesNotContain(OKTA_SECRET)
                .doesNotContain(ADMIN_SECRET)
                .doesNotContain(BOOTSTRAP);
        assertThat(answer.headers().toString()).doesNotContain(OKTA_SECRET).doesNotContain(ADMIN_SECRET);
    }
}
