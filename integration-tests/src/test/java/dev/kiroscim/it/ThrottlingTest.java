package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Throttling, black box: a token over {@code server.rateLimit} gets 429 with {@code Retry-After} and a SCIM error;
 * an address that keeps failing authentication is backed off (429) before its credentials are even checked, so a
 * guess cannot be tested, while a token that already worked from that address still does. Both show in
 * {@code /metrics} and, rate-limited, in the audit log as {@code auth.throttled}.
 */
class ThrottlingTest {

    private static final String LIMITED = """
            server:
              rateLimit:
                perTokenPerSecond: 5
                burst: 5
            """;

    @Test
    void aTokenOverItsRateLimitIsAnswered429WithRetryAfter() {
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(LIMITED))) {
            AdminApi admin = AdminApi.of(server);
            ScimClient busy = new ScimClient(
                    server.scimUri(), "Bearer " + admin.createToken("{\"name\":\"busy\",\"scope\":\"scim\"}"));
            List<ScimResponse> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(busy.get("/Users", "count", "1"));
            }
            List<ScimResponse> limited =
                    answers.stream().filter(r -> r.status() == 429).toList();
            assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(200, 429));
            assertThat(answers.stream().filter(r -> r.status() == 200).count())
                    .as("the burst passes")
                    .isGreaterThanOrEqualTo(5);
            assertThat(limited).as("40 requests at once are far over 5/s").isNotEmpty();
            ScimResponse one = limited.get(0);
            one.expectScimError(429, null);
            assertThat(Integer.parseInt(one.header("Retry-After"))).isPositive();
            assertThat(one.text("detail")).contains("token 'busy' is over its rate limit");

            assertThat(counter(admin, "kiro_throttled_requests_total\\{reason=\"rate-limit\"}"))
                    .isEqualTo(limited.size());
            JsonNode events = admin.audit("auth.throttled");
            assertThat(events.size())
                    .as("one event per token per minute, not one per refusal")
                    .isEqualTo(1);
            JsonNode event = events.get(0);
            assertThat(event.path("subject").path("kind").asText()).isEqualTo("token");
            assertThat(event.path("subject").path("id").asText()).isEqualTo("busy");
            assertThat(event.path("details").path("reason").asText()).isEqualTo("rate-limit");
            assertThat(event.path("details").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void repeatedFailedAuthenticationIsBackedOffSoGuessesCannotBeTested() {
        try (KiroServer server = KiroServer.start(Backend.H2)) {
            AdminApi admin = AdminApi.of(server);
            admin.get("/admin/v1/tokens").expectStatus(200); // the bootstrap token has worked from here
            String unused = admin.createToken("{\"name\":\"never-used\",\"scope\":\"scim\"}");
            ScimClient guesser = new ScimClient(server.scimUri(), "Bearer kiro_guess");
            for (int i = 0; i < 10; i++) {
                guesser.get("/Users").expectScimError(401, null);
            }
            guesser.get("/Users").expectScimError(401, null); // the 11th failure starts the backoff
            ScimResponse backedOff = guesser.get("/Users").expectScimError(429, null);
            assertThat(Integer.parseInt(backedOff.header("Retry-After"))).isBetween(1, 300);
            assertThat(backedOff.text("detail")).contains("too many failed authentications");

            // even a right "guess" is not looked at while the address is backed off
            new ScimClient(server.scimUri(), "Bearer " + unused).get("/Users").expectScimError(429, null);
            // a credential that already succeeded from this address still works (an IdP sharing the attacker's egress)
            assertThat(counter(admin, "kiro_throttled_requests_total\\{reason=\"auth-backoff\"}"))
                    .isEqualTo(2);
            assertThat(counter(admin, "kiro_auth_failures_total")).isEqualTo(11);

            JsonNode throttled = admin.audit("auth.throttled");
            assertThat(throttled.size()).isEqualTo(1);
            assertThat(throttled.get(0).path("subject").path("id").asText()).isEqualTo("127.0.0.1");
            assertThat(throttled.get(0).path("details").path("reason").asText()).isEqualTo("auth-backoff");
            JsonNode failed = admin.audit("auth.failed");
            assertThat(failed.size())
                    .as("auth.failed stays rate-limited: one per address per minute")
                    .isEqualTo(1);
        }
    }

    private static long counter(AdminApi admin, String series) {
        String metrics = admin.get("/metrics").expectStatus(200).body();
        Matcher m = Pattern.compile("(?m)^" + series + " (\\d+)(?:\\.0)?$").matcher(metrics);
        assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
        return Long.parseLong(m.group(1));
    }
}
