package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helpdesk's "why can't this user sign in?" ({@code GET /admin/v1/users/{user}/explain} and the CLI
 * {@code explain}): each place where the chain can break is provoked through SCIM, and the answer must name it.
 * The server runs in plan-only mode (no identityStoreId), which is itself the step-4 break for entitled users;
 * the live Identity Center steps are covered by the end-to-end tests against the emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainTest {

    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
            pools:
              - group: Explain-Devs
                tier: PRO
                seats: 1
              - group: Explain-Temps
                tier: PRO
                maxGrant: PT2S
            """;

    private KiroServer server;
    private ScimClient scim;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY);
        server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigPath(config));
        scim = ScimClient.bearer(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode explain(String user) {
        ScimResponse r = scim.get(server.baseUri() + "/admin/v1/users/" + user + "/explain")
                .expectStatus(200);
        return r.node("");
    }

    private static JsonNode step(JsonNode answer, int step) {
        return answer.path("checks").get(step - 1);
    }

    @Test
    void unknownUserBreaksAtStepOne() {
        JsonNode answer = explain("nobody-" + Bodies.unique() + "@example.com");
        assertThat(step(answer, 1).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(answer.path("verdict").asText()).startsWith("Step 1").contains("was ever provisioned");
    }

    @Test
    void deactivatedUserBreaksAtStepOneWithTheTime() {
        String userName = Bodies.uniqueUserName("explain-off");
        String id = scim.createUser(userName);
        scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
                .expectStatus(200);
        JsonNode answer = explain(userName.toUpperCase()); // userName lookups ignore case
        assertThat(answer.path("userId").asText()).isEqualTo(id);
        assertThat(step(answer, 1).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(answer, 1).path("message").asText()).contains("deactivated");
        assertThat(step(answer, 1).path("evidence").path("active").asBoolean()).isFalse();
    }

    @Test
    void nearMissGroupIsNamedAtStepTwo() {
        String id = scim.createUser(Bodies.uniqueUserName("explain-near"));
        scim.createGroup("Explain-Dev", id);
        JsonNode answer = explain(id);
        assertThat(step(answer, 2).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(answer, 2).path("message").asText())
                .contains("'Explain-Dev' looks like pool group 'Explain-Devs'");
        assertThat(answer.path("verdict").asText()).startsWith("Step 2");
    }

    @Test
    void fullPoolGivesTheWaitlistPositionAtStepThree() {
        String first = scim.createUser(Bodies.uniqueUserName("explain-first"));
        String second = scim.createUser(Bodies.uniqueUserName("explain-second"));
        String group = scim.createGroup("Explain-Devs", first);
        scim.patch(
                        "/Groups/" + group,
                        Bodies.patch(
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + second + "\"}]}"))
                .expectStatus(200);

        JsonNode holder = explain(first);
        assertThat(step(holder, 3).path("outcome").asText()).isEqualTo("OK");
        // Plan-only: the entitled user never reaches Identity Center, and the answer says so.
        assertThat(step(holder, 4).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(holder, 4).path("message").asText()).contains("plan-only");
        assertThat(step(holder, 5).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(holder, 5).path("message").asText()).contains("'kiro-pro'");
        assertThat(step(holder, 6).path("outcome").asText()).isEqualTo("UNKNOWN");
        assertThat(step(holder, 6).path("message").asText())
                .contains("kiro-pro")
                .contains("24 h");

        JsonNode waiting = explain(second);
        assertThat(step(waiting, 2).path("outcome").asText()).isEqualTo("OK");
        assertThat(step(waiting, 3).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(waiting, 3).path("message").asText())
                .contains("pool 'Explain-Devs' is full, position 1 in line");
        assertThat(waiting.path("verdict").asText()).startsWith("Step 3");
    }

    @Test
    void expiredGrantIsExplainedAtStepThree() throws Exception {
        String id = scim.createUser(Bodies.uniqueUserName("explain-temp"));
        scim.createGroup("Explain-Temps", id);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode answer = explain(id);
        while (!step(answer, 3).path("evidence").path("state").asText().equals("EXPIRED")
                && Instant.now().isBefore(deadline)) {
            answer = explain(id);
        }
        assertThat(step(answer, 3).path("outcome").asText()).isEqualTo("BROKEN");
        assertThat(step(answer, 3).path("message").asText()).contains("expired");
    }

    @Test
    void cliPrintsTheSameAnswerFromARunningServer() throws Exception {
        String userName = Bodies.uniqueUserName("explain-cli");
        scim.createUser(userName);
        KiroCli.Result result =
                KiroCli.run("explain", userName, "--url", server.baseUri().toString(), "--token", server.token());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains(userName + ": Step 2")
                .contains("1 OK")
                .contains("2 BROKEN");
    }
}
