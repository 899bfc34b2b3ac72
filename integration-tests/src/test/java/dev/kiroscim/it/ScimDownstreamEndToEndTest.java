package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.testsupport.ScimEmulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Issue 15 end to end: the lifecycles of {@link DownstreamLifecycleContract} with {@code identityCenter.mode: scim},
 * against the emulator of IAM Identity Center's SCIM dialect ({@code integration-tests/emulator/idc_scim.py}), plus
 * what only this mode has: a 250-member change sent as PATCHes within the 100-change limit, a refused token that
 * pauses the sync until the token file changes, and faults injected by the emulator.
 */
class ScimDownstreamEndToEndTest extends DownstreamLifecycleContract {

    private static final String TOKEN = "scim-token-first-" + Bodies.unique();
    private static final String ROTATED = "scim-token-rotated-" + Bodies.unique() + "-2";

    private ScimEmulatorServer emulator;
    private TestAbortedException unavailable;
    private Path tokenFile;

    @Override
    protected boolean startDownstream(Path dir) throws Exception {
        try {
            emulator = ScimEmulatorServer.start(ScimEmulatorServer.defaultScript(), TOKEN);
        } catch (TestAbortedException skipped) { // never under CI=true: ExternalComponent fails there instead
            unavailable = skipped;
            return false;
        }
        tokenFile = dir.resolve("idc-scim-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        return true;
    }

    @Override
    protected void requireDownstream() {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    @Override
    protected String identityCenterYaml() {
        return scimModeYaml(emulator.scimBase(), tokenFile);
    }

    @Override
    protected DownstreamView openView() {
        return new ScimEmulatorView(emulator, TOKEN);
    }

    @Override
    protected void stopDownstream() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected void checkPlannedRequest(JsonNode removeMembershipCall) {
        assertScimRemoveRequest(removeMembershipCall);
    }

    /** In {@code mode: scim} the plan shows the SCIM request of a membership removal. */
    static void assertScimRemoveRequest(JsonNode removeMembershipCall) {
        assertThat(removeMembershipCall.path("request").asText())
                .as("the SCIM request in %s", removeMembershipCall)
                .startsWith("PATCH /Groups/{id of kiro-pro}")
                .contains("\"remove\"")
                .contains("path:\"members\"");
    }

    // ------------------------------------------------------------------------------------------- status

    @Test
    void status_showsTheScimModeAndEndpoint_neverTheToken() {
        JsonNode status = admin("/admin/v1/sync");
        assertThat(status.path("mode").asText()).isEqualTo("live");
        assertThat(status.path("downstream").path("kind").asText()).isEqualTo("scim");
        assertThat(status.path("downstream").path("endpoint").asText())
                .isEqualTo(emulator.scimBase().toString());
        assertThat(status.path("alert").isNull()).as("no alert: %s", status).isTrue();
        String metrics =
                scim.get(server.baseUri() + "/metrics").expectStatus(200).body();
        assertThat(metrics)
                .contains("kiro_sync_downstream_info{kind=\"scim\"} 1")
                .contains("kiro_sync_paused 0");
        assertThat(status.toString() + metrics).doesNotContain(TOKEN);
    }

    // ------------------------------------------------------------------------------------------- 250 members

    @Test
    void aTwoHundredFiftyMemberChange_isSentAsPatchesOfAtMostOneHundredMemberChanges() {
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String userName = "big-" + i + "-" + Bodies.unique() + "@example.com";
            names.add(userName);
            ids.add(scim.createUser(userName));
        }
        String team = scim.createGroup("Big-Team", ids.toArray(String[]::new));
        names.forEach(n -> expected.put(n, new Expected("Given Family", "Given", "Family", n, "kiro-power")));
        assertIdentityStoreIsExactly("250 members joined Big-Team in one SCIM request", Duration.ofSeconds(120));

        StringBuilder removeAll = new StringBuilder("{\"op\":\"remove\",\"path\":\"members\",\"value\":[");
        for (int i = 0; i < ids.size(); i++) {
            removeAll
                    .append(i == 0 ? "" : ",")
                    .append("{\"value\":")
                    .append(Bodies.str(ids.get(i)))
                    .append('}');
        }
        scim.patch("/Groups/" + team, Bodies.patch(removeAll.append("]}").toString()))
                .expectStatus(200);
        names.forEach(n -> expected.put(n, expected.get(n).inGroup(null)));
        assertIdentityStoreIsExactly("250 members left Big-Team in one SCIM request", Duration.ofSeconds(120));

        int patches = 0;
        int memberChanges = 0;
        for (JsonNode r : emulator.state().path("requests")) {
            if (r.path("method").asText().equals("PATCH")
                    && r.path("path").asText().startsWith("/Groups/")) {
                patches++;
                memberChanges += r.path("memberChanges").asInt();
                assertThat(r.path("memberChanges").asInt())
                        .as("member changes in %s", r)
                        .isBetween(0, 100);
                assertThat(r.path("status").asInt()).as("%s", r).isNotEqualTo(400);
            }
        }
        assertThat(memberChanges)
                .as("member changes over %d group PATCHes", patches)
                .isGreaterThanOrEqualTo(500);
    }

    // ------------------------------------------------------------------------------------------- token

    @Test
    void aRefusedToken_pausesTheSync_raisesTheAlert_andANewTokenFileResumesWithoutRestart() throws Exception {
        String first = "token-1-" + Bodies.unique() + "@example.com";
        String firstId = scim.createUser(first);
        String team = scim.createGroup("Token-Team", firstId);
        expected.put(first, new Expected("Given Family", "Given", "Family", first, "kiro-pro"));
        assertIdentityStoreIsExactly("before the token expires");

        emulator.acceptTokens(ROTATED); // the token we hold expired, or an admin deleted it
        String second = "token-2-" + Bodies.unique() + "@example.com";
        String secondId = scim.createUser(second);
        scim.patch(
                        "/Groups/" + team,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":"
                                + Bodies.str(secondId) + "}]}"))
                .expectStatus(200); // the IdP side keeps working

        JsonNode paused = Poll.until(
                "the alert in /admin/v1/sync",
                SYNC_TIMEOUT,
                POLL,
                () -> admin("/admin/v1/sync"),
                s -> !s.path("alert").isNull());
        assertThat(paused.path("alert").asText())
                .contains("401")
                .contains(tokenFile.toString())
                .doesNotContain(TOKEN);
        assertThat(paused.path("pending").asInt())
                .as("the change waits in the outbox: %s", paused)
                .isPositive();
        assertThat(paused.path("deadLetter").asInt()).isZero();
        scim.get(server.baseUri() + "/readyz").expectStatus(200);
        assertThat(scim.get(server.baseUri() + "/metrics").expectStatus(200).body())
                .contains("kiro_sync_paused 1");
        JsonNode failures = scim.get(server.baseUri() + "/admin/v1/audit", "type", "idc.call.failed", "limit", "100")
                .expectStatus(200)
                .json()
                .path("events");
        assertThat(failures.toString()).contains("401").doesNotContain(TOKEN);
        assertThat(store.snapshot().users()).as("nothing sent while paused").doesNotContainKey(second);

        Path next = tokenFile.resolveSibling("idc-scim-token.new");
        Files.writeString(next, ROTATED + "\n");
        Files.move(next, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        expected.put(second, new Expected("Given Family", "Given", "Family", second, "kiro-pro"));
        assertIdentityStoreIsExactly("the new token file is read: the sync resumes");
        assertThat(admin("/admin/v1/sync").path("alert").isNull()).isTrue();
        assertThat(scim.get(server.baseUri() + "/metrics").expectStatus(200).body())
                .contains("kiro_sync_paused 0");
        emulator.acceptTokens(ROTATED, TOKEN); // for the view and the later tests: both tokens valid, as in IdC
    }

    // ------------------------------------------------------------------------------------------- faults

    @Test
    void throttling_serverErrors_andACrashAfterApply_converge_withoutDuplicatesOrDeadLetters() {
        emulator.faults(Map.of("throttle", 2, "retryAfter", 1, "error", 2, "crashAfterApply", 1));
        String userName = "fault-" + Bodies.unique() + "@example.com";
        String userId = scim.createUser(userName);
        scim.createGroup("Fault-Team", userId);
        expected.put(userName, new Expected("Given Family", "Given", "Family", userName, "kiro-pro"));
        assertIdentityStoreIsExactly(
                "converged through 2 throttles, 2 server errors and a crash after apply", Duration.ofSeconds(60));
        assertThat(emulator.state().path("faults").toString())
                .as("every fault was consumed")
                .doesNotContainPattern("\"(throttle|error|crashAfterApply)\":[1-9]");
        JsonNode failures = scim.get(server.baseUri() + "/admin/v1/audit", "type", "idc.call.failed", "limit", "100")
                .expectStatus(200)
                .json()
                .path("events");
        assertThat(failures.toString()).contains("429").contains("500");
    }
}
