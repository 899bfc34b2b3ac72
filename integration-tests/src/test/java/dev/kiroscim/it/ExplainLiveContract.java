package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Identity Center steps of "why can't this user sign in?" (steps 4 and 5) with live sync to the moto Identity
 * Store emulator: a user who reached their tier group is confirmed with their Identity Store user id, and a user
 * the Identity Store rejects (a userName with a space, which Identity Center does not allow) is reported with the
 * failed work and its last error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExplainLiveContract {

    /** H2 runs the single in-process worker; PostgreSQL claims outbox items with FOR UPDATE SKIP LOCKED. */
    protected abstract Backend backend();

    private static final String CONFIG = """
            identityCenter:
              identityStoreId: %s
              region: us-east-1
              endpoint: %s
            """;

    private Emulator moto;
    private KiroServer server;
    private ScimClient scim;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        moto = Emulator.start();
        if (!moto.running()) {
            return;
        }
        Path config = dir.resolve("kiro-scim.yaml");
        String storeId = Emulator.newStoreId();
        Files.writeString(config, CONFIG.formatted(storeId, moto.endpoint()));
        server = KiroServer.start(
                ServerOptions.on(backend()).withConfigPath(config).withStaticAwsCredentials());
        scim = ScimClient.bearer(server);
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (moto != null) {
                moto.close();
            }
        }
    }

    @BeforeEach
    void requireEmulator() {
        moto.require();
    }

    private JsonNode explain(String user) {
        return scim.get(server.baseUri() + "/admin/v1/users/" + user + "/explain")
                .expectStatus(200)
                .node("");
    }

    private JsonNode awaitStep(String user, int step, String outcome) {
        return Poll.until(
                "explain step " + step + " of " + user + " is " + outcome,
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                () -> explain(user),
                a -> a.path("checks").get(step - 1).path("outcome").asText().equals(outcome));
    }

    @Test
    void userInTheirTierGroupIsConfirmedWithTheIdentityStoreId() {
        String id = scim.createUser(Bodies.uniqueUserName("live-ok"));
        scim.createGroup("Kiro-Developers", id);
        awaitStep(id, 5, "OK");
        // The tier-group membership is recorded before the worker marks the outbox item done: until then step 4
        // says the change is still queued (WARNING). Wait for the item to complete too.
        JsonNode answer = awaitStep(id, 4, "OK");
        assertThat(answer.path("checks").get(4).path("outcome").asText()).isEqualTo("OK");
        JsonNode step4 = answer.path("checks").get(3);
        assertThat(step4.path("outcome").asText()).isEqualTo("OK");
        assertThat(step4.path("evidence").path("identityStoreUserId").asText()).isNotBlank();
        assertThat(answer.path("checks").get(4).path("message").asText()).contains("kiro-pro");
        assertThat(answer.path("verdict").asText()).startsWith("Everything this server controls is in place");
    }

    @Test
    void rejectedUserShowsTheFailedWorkAndItsError() {
        String id = scim.createUser("bad user " + Bodies.unique() + "@example.com");
        scim.createGroup("Kiro-Platform", id);
        JsonNode answer = awaitStep(id, 4, "BROKEN");
        JsonNode step4 = answer.path("checks").get(3);
        assertThat(step4.path("message").asText()).contains("failed").contains("/admin/v1/sync/retry");
        assertThat(step4.path("evidence").path("lastError").asText()).isNotBlank();
        assertThat(answer.path("verdict").asText()).startsWith("Step 4");
    }
}
