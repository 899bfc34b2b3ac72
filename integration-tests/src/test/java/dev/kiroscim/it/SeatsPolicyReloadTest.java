package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy reloads without a restart ({@code POST /admin/v1/policy/reload} and SIGHUP), {@code policy check}, and the
 * {@code seats} CLI against a running server and against its data dir. One server on H2; the test rewrites its
 * config file between steps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatsPolicyReloadTest {

    private static final String POLICY = """
            scim:
              patchResponse: resource
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
            pools:
              - group: Reload-Team
                tier: PRO
                seats: %s
            """;

    /** Line 12 is the pool's {@code tier:}, line 13 its {@code seats:}. */
    private static final String BROKEN = POLICY.formatted("-1").replace("tier: PRO\n", "tier: PRO_X\n");

    @TempDir
    Path dir;

    private Path config;
    private KiroServer server;
    private ScimClient scim;
    private SeatsAdmin admin;

    @BeforeAll
    void start(@TempDir Path configDir) throws IOException {
        config = configDir.resolve("kiro-scim.yaml");
        Files.writeString(config, POLICY.formatted("1"));
        server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigPath(config));
        scim = ScimClient.bearer(server);
        admin = new SeatsAdmin(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ScimResponse reload() {
        return scim.post(server.baseUri() + "/admin/v1/policy/reload", "");
    }

    @Test
    void aBadFileIsRejected_aGoodOneApplied_andSighupReloadsToo() throws Exception {
        String ann = scim.createUser(Bodies.uniqueUserName("reload-ann"));
        String bob = scim.createUser(Bodies.uniqueUserName("reload-bob"));
        String team = scim.createGroup("Reload-Team", ann);
        scim.patch(
                        "/Groups/" + team,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}"))
                .expectStatus(200);
        assertThat(admin.use("Reload-Team")).isEqualTo("1/1");

        Files.writeString(config, BROKEN);
        ScimResponse rejected = reload().expectStatus(400);
        assertThat(rejected.text("message")).contains("previous policy stays in force");
        assertThat(rejected.texts("problems"))
                .containsExactly(
                        config + ":12: pool 'Reload-Team' names unknown tier 'PRO_X' (defined: PRO, POWER)",
                        config + ":13: seats must not be negative, got -1");
        assertThat(admin.use("Reload-Team")).as("the old policy stays").isEqualTo("1/1");
        JsonNode rejection = lastAudit("policy.rejected");
        assertThat(rejection.path("details").path("reason").asText()).contains(":13: seats must not be negative");

        Files.writeString(config, POLICY.formatted("2"));
        reload().expectStatus(200).assertText("status").isEqualTo("loaded");
        assertThat(admin.use("Reload-Team")).isEqualTo("2/0");
        assertThat(admin.state(bob)).isEqualTo("ASSIGNED PRO Reload-Team");
        JsonNode loaded = lastAudit("policy.loaded");
        assertThat(loaded.path("details")
                        .path("changes")
                        .path("pools.Reload-Team.seats")
                        .toString())
                .isEqualTo("{\"after\":2,\"before\":1}");

        // SIGHUP: the cap goes back to 1; the most recently assigned holder (bob) waits again
        Files.writeString(config, POLICY.formatted("1"));
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start();
        assertThat(kill.waitFor()).isZero();
        admin.awaitEntitlement(
                bob, Duration.ofSeconds(20), e -> e.path("state").asText().equals("WAITLISTED"));
        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO Reload-Team");
        assertThat(lastAudit("policy.loaded").path("actor").asText()).isEqualTo("signal:SIGHUP");
    }

    @Test
    void policyCheckListsEveryProblemWithItsLine() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, BROKEN);
        KiroCli.Result failed = KiroCli.run("policy", "check", bad.toString());
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.stderr())
                .contains(bad + ":12: pool 'Reload-Team' names unknown tier 'PRO_X'")
                .contains(bad + ":13: seats must not be negative, got -1");

        Path good = dir.resolve("good.yaml");
        Files.writeString(good, POLICY.formatted("3"));
        KiroCli.Result ok = KiroCli.run("policy", "check", good.toString());
        assertThat(ok.exitCode()).as(ok.describe()).isZero();
        assertThat(ok.stdout()).contains("OK (2 tiers, 1 pools)");
    }

    @Test
    void theSeatsCommandPrintsATableFromTheServer() {
        KiroCli.Result result = KiroCli.run("seats", "--url", server.baseUri().toString(), "--token", server.token());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout())
                .containsPattern("(?m)^POOL\\s+TIER\\s+SEATS\\s+ASSIGNED\\s+WAITLISTED$")
                .containsPattern("(?m)^Reload-Team\\s+PRO\\s+\\d+\\s+\\d+\\s+\\d+$")
                .containsPattern("(?m)^TOTAL\\s+\\d+");

        KiroCli.Result refused = KiroCli.run("seats", "--url", server.baseUri().toString(), "--token", "kiro_wrong");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("401");
    }

    private JsonNode lastAudit(String type) {
        JsonNode events = scim.get(server.baseUri() + "/admin/v1/audit", "type", type, "limit", "1000")
                .expectStatus(200)
                .json()
                .path("events");
        assertThat(events.size()).as("%s events", type).isPositive();
        return events.get(events.size() - 1);
    }
}
