package dev.kiroscim.it;

import static dev.kiroscim.it.Bodies.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end lifecycles of the sync, run against each downstream the bridge can write to: the real jar, live
 * against an emulator, driven over SCIM like Okta and Entra. After every step the test waits until
 * {@code /admin/v1/sync} has nothing pending and then lists the emulator: every user present with exactly the expected
 * profile, every tier group holding exactly the expected members. One emulator and one server per class, so
 * {@link #expected} is the desired state of the whole downstream, carried from test to test.
 *
 * <p>Subclasses: {@link IdentityCenterEndToEndTest} (the Identity Store API on moto) and
 * {@link ScimDownstreamEndToEndTest} (IAM Identity Center's SCIM dialect on its emulator).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DownstreamLifecycleContract {

    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(50);

    /**
     * Built-in tiers after the downstream's {@code identityCenter:} block; one pool per scenario so scenarios do not
     * share SCIM groups. {@code %s}: Reload-Team's pool.
     */
    private static final String TIERS_AND_POOLS = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
              - name: PRO_PLUS
                identityCenterGroup: kiro-pro-plus
                monthlyPriceUsd: 40
              - name: POWER
                identityCenterGroup: kiro-power
                monthlyPriceUsd: 200
            pools:
              - group: Kiro-Developers
                tier: PRO
              - group: Kiro-Platform
                tier: PRO_PLUS
              - group: Entra-Developers
                tier: PRO
              - group: Entra-Power
                tier: POWER
              - group: Latency-Team
                tier: PRO
              - group: Drift-Team
                tier: PRO
              - group: Cap-Team
                tier: PRO_PLUS
                seats: 1
              - group: Big-Team
                tier: POWER
              - group: Token-Team
                tier: PRO
              - group: Fault-Team
                tier: PRO
              - group: Reload-Team
            %s
            """;

    /** What one Identity Store user must look like; {@code tierGroup} null = in no tier group. */
    record Expected(String displayName, String givenName, String familyName, String email, String tierGroup) {
        Expected inGroup(String group) {
            return new Expected(displayName, givenName, familyName, email, group);
        }
    }

    protected KiroServer server;
    protected ScimClient scim;
    protected DownstreamView store;
    private Path config;
    /** The desired downstream, by userName. */
    protected final Map<String, Expected> expected = new TreeMap<>();

    /** Starts the emulator; {@code false} when it is not available here (the tests then skip, see {@link #requireDownstream()}). */
    protected abstract boolean startDownstream(Path dir) throws Exception;

    /** Skips the test when the emulator could not start (fails instead under {@code CI=true}). */
    protected abstract void requireDownstream();

    /** The {@code identityCenter:} block of {@code mode: scim}, for the subclasses that test it. */
    static String scimModeYaml(java.net.URI endpoint, Path tokenFile) {
        return """
                identityCenter:
                  mode: scim
                  scimEndpoint: %s
                  scimTokenFile: %s
                  maxRequestsPerSecond: 50
                """.formatted(endpoint, tokenFile);
    }

    /** The {@code identityCenter:} block, ending in a newline. */
    protected abstract String identityCenterYaml();

    /** What the server needs to reach the downstream (e.g. static AWS credentials); nothing by default. */
    protected ServerOptions withDownstream(ServerOptions options) {
        return options;
    }

    /** Lists and changes the downstream behind the server's back. */
    protected abstract DownstreamView openView();

    protected abstract void stopDownstream();

    /** Checks how the plan shows a call that removes a membership (the SCIM mode adds the SCIM request). */
    protected abstract void checkPlannedRequest(JsonNode removeMembershipCall);

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        if (!startDownstream(dir)) {
            return;
        }
        config = dir.resolve("kiro-scim.yaml");
        writeConfig("    tier: PRO\n    seats: 2");
        server = KiroServer.start(withDownstream(ServerOptions.on(Backend.H2).withConfigPath(config)));
        scim = ScimClient.bearer(server);
        store = openView();
    }

    @AfterAll
    void stop() {
        try {
            if (store != null) {
                store.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            stopDownstream();
        }
    }

    @BeforeEach
    void requireEmulator() {
        requireDownstream();
    }

    private void writeConfig(String reloadTeamPool) throws IOException {
        Files.writeString(config, identityCenterYaml() + TIERS_AND_POOLS.formatted(reloadTeamPool));
    }

    // ------------------------------------------------------------------------------------------- Okta

    @Test
    void oktaLifecycle_joinPromoteRenameDeactivateReactivateLeave() {
        String userName = "okta-ann-" + Bodies.unique() + "@example.com";
        ObjectNode body = Bodies.user(userName);
        ((ObjectNode) body.path("name")).put("givenName", "Ann").put("familyName", "Okta");
        body.put("displayName", "Ann Okta");
        String ann = scim.createUser(body);
        assertIdentityStoreIsExactly("user created without a seat: nothing in Identity Store");

        String developers = scim.createGroup("Kiro-Developers");
        oktaAddMember(developers, ann, userName);
        Expected annPro = new Expected("Ann Okta", "Ann", "Okta", userName, "kiro-pro");
        expected.put(userName, annPro);
        assertIdentityStoreIsExactly("group push Kiro-Developers -> PRO");

        String platform = scim.createGroup("Kiro-Platform");
        oktaAddMember(platform, ann, userName);
        expected.put(userName, annPro.inGroup("kiro-pro-plus"));
        assertIdentityStoreIsExactly("added to Kiro-Platform -> promoted to PRO_PLUS");

        body.put("id", ann);
        ((ObjectNode) body.path("name")).put("familyName", "Renamed");
        body.put("displayName", "Ann Renamed");
        scim.put("/Users/" + ann, body).expectStatus(200);
        expected.put(userName, new Expected("Ann Renamed", "Ann", "Renamed", userName, "kiro-pro-plus"));
        assertIdentityStoreIsExactly("profile change by PUT -> UpdateUser");

        oktaSetActive(ann, false);
        expected.put(userName, expected.get(userName).inGroup(null));
        assertIdentityStoreIsExactly("deactivated: out of every tier group, the user stays (remove-membership)");

        oktaSetActive(ann, true);
        expected.put(userName, expected.get(userName).inGroup("kiro-pro-plus"));
        assertIdentityStoreIsExactly("reactivated: PRO_PLUS again");

        oktaRenameGroup(platform, "Kiro-Platform-Archived");
        expected.put(userName, expected.get(userName).inGroup("kiro-pro"));
        assertIdentityStoreIsExactly("Kiro-Platform renamed out of its pool: back to PRO");

        oktaRenameGroup(platform, "Kiro-Platform");
        expected.put(userName, expected.get(userName).inGroup("kiro-pro-plus"));
        assertIdentityStoreIsExactly("renamed back into the pool: PRO_PLUS");

        oktaRemoveMember(platform, ann);
        expected.put(userName, expected.get(userName).inGroup("kiro-pro"));
        assertIdentityStoreIsExactly("removed from Kiro-Platform: back to PRO");

        oktaRemoveMember(developers, ann);
        expected.put(userName, expected.get(userName).inGroup(null));
        assertIdentityStoreIsExactly("removed from Kiro-Developers: no seat, the user stays");
    }

    protected void oktaAddMember(String groupId, String userId, String userName) {
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":" + str(userId)
                                + ",\"display\":" + str(userName) + "}]}"))
                .expectStatus(200);
    }

    protected void oktaRemoveMember(String groupId, String userId) {
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}"))
                .expectStatus(200);
    }

    protected void oktaRenameGroup(String groupId, String displayName) {
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"replace\",\"value\":{\"id\":" + str(groupId) + ",\"displayName\":"
                                + str(displayName) + "}}"))
                .expectStatus(200);
    }

    protected void oktaSetActive(String userId, boolean active) {
        scim.patch("/Users/" + userId, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":" + active + "}}"))
                .expectStatus(200);
    }

    // ------------------------------------------------------------------------------------------- Entra

    @Test
    void entraLifecycle_capitalisedOps_stringBooleans_memberRemoveByValue_delete() {
        String userName = "entra-eve-" + Bodies.unique() + "@example.com";
        String eve = scim.createUser(entraUser(userName, "Eve", "Entra"));
        String serviceName = "entra-svc-" + Bodies.unique() + "@example.com";
        ObjectNode serviceBody = entraUser(serviceName, null, null);
        String service = scim.createUser(serviceBody);

        String developers = scim.createGroup("Entra-Developers");
        entraPatch(
                "/Groups/" + developers,
                "Add",
                "members",
                "[{\"value\":" + str(eve) + "},{\"value\":" + str(service) + "}]");
        expected.put(userName, new Expected("Eve Entra", "Eve", "Entra", userName, "kiro-pro"));
        expected.put(serviceName, new Expected("Service " + serviceName, "-", "-", serviceName, "kiro-pro"));
        assertIdentityStoreIsExactly("Entra-Developers -> PRO; a user without name gets the '-' placeholders");

        String power = scim.createGroup("Entra-Power");
        entraPatch("/Groups/" + power, "Add", "members", "[{\"value\":" + str(eve) + "}]");
        expected.put(userName, expected.get(userName).inGroup("kiro-power"));
        assertIdentityStoreIsExactly("added to Entra-Power -> POWER");

        entraPatch("/Users/" + eve, "Replace", "name.familyName", str("Renamed"));
        entraPatch("/Users/" + eve, "Replace", "displayName", str("Eve Renamed"));
        expected.put(userName, new Expected("Eve Renamed", "Eve", "Renamed", userName, "kiro-power"));
        assertIdentityStoreIsExactly("profile change by PATCH Replace -> UpdateUser");

        entraPatch("/Users/" + eve, "Replace", "active", str("False"));
        expected.put(userName, expected.get(userName).inGroup(null));
        assertIdentityStoreIsExactly("deactivated with \"False\"");

        entraPatch("/Users/" + eve, "Replace", "active", str("True"));
        expected.put(userName, expected.get(userName).inGroup("kiro-power"));
        assertIdentityStoreIsExactly("reactivated with \"True\"");

        entraPatch("/Groups/" + power, "Remove", "members", "[{\"value\":" + str(eve) + "}]");
        expected.put(userName, expected.get(userName).inGroup("kiro-pro"));
        assertIdentityStoreIsExactly("removed from Entra-Power by value list -> back to PRO");

        scim.delete("/Users/" + eve).expectStatus(204);
        expected.remove(userName);
        assertIdentityStoreIsExactly("SCIM DELETE deletes the Identity Store user");
    }

    static ObjectNode entraUser(String userName, String given, String family) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.putArray("schemas").add(Bodies.USER_URN).add(Bodies.ENTERPRISE_URN);
        user.put("externalId", Bodies.unique());
        user.put("userName", userName);
        user.put("active", true);
        user.put("displayName", given == null ? "Service " + userName : given + " " + family);
        if (given != null) {
            user.putObject("name")
                    .put("givenName", given)
                    .put("familyName", family)
                    .put("formatted", given + " " + family);
        }
        user.putArray("emails")
                .addObject()
                .put("primary", true)
                .put("type", "work")
                .put("value", userName);
        return user;
    }

    protected void entraPatch(String path, String op, String attributePath, String valueJson) {
        scim.patch(
                        path,
                        Bodies.patch("{\"op\":" + str(op) + ",\"path\":" + str(attributePath) + ",\"value\":"
                                + valueJson + "}"))
                .expectStatus(200);
    }

    // ------------------------------------------------------------------------------------------- policy

    @Test
    void policyReload_tierChangeAndLowerCap_reachIdentityCenter() throws IOException {
        TwoMembers joined = joinOneAfterTheOther("Reload-Team", "reload");
        String first = joined.first();
        String second = joined.second();
        expected.put(first, new Expected("Given Family", "Given", "Family", first, "kiro-pro"));
        expected.put(second, new Expected("Given Family", "Given", "Family", second, "kiro-pro"));
        assertIdentityStoreIsExactly("two seats of PRO in Reload-Team");

        writeConfig("    tier: POWER\n    seats: 1");
        scim.post(server.baseUri() + "/admin/v1/policy/reload", "")
                .expectStatus(200)
                .assertText("status")
                .isEqualTo("loaded");
        expected.put(first, expected.get(first).inGroup("kiro-power"));
        expected.put(second, expected.get(second).inGroup(null)); // most recently assigned: loses the seat
        assertIdentityStoreIsExactly("reload: Reload-Team now POWER with 1 seat");
    }

    // ------------------------------------------------------------------------------------------- drift

    @Test
    void drift_aMembershipAddedInTheConsole_isPlanned_repaired_andReported() {
        String dan = "drift-dan-" + Bodies.unique() + "@example.com";
        String dee = "drift-dee-" + Bodies.unique() + "@example.com";
        String danId = scim.createUser(dan);
        String deeId = scim.createUser(dee);
        scim.createGroup("Drift-Team", danId, deeId);
        expected.put(dan, new Expected("Given Family", "Given", "Family", dan, "kiro-pro"));
        expected.put(dee, new Expected("Given Family", "Given", "Family", dee, "kiro-pro"));
        assertIdentityStoreIsExactly("dan and dee hold PRO");
        // (Deactivated before the worker got to her, dee would never have been created: the worker converges to the
        // current state, not through each step.)
        oktaSetActive(deeId, false);
        expected.put(dee, expected.get(dee).inGroup(null));
        assertIdentityStoreIsExactly("dan holds PRO, dee was deactivated");

        // Someone adds the deactivated dee back into kiro-pro in the console.
        IdentityStoreView.Snapshot before = store.snapshot();
        store.addMembership(
                before.groupIds().get("kiro-pro"), before.users().get(dee).userId());
        assertThat(store.snapshot().members("kiro-pro")).contains(dee);

        JsonNode plan = admin("/admin/v1/sync/plan");
        assertThat(plan.path("mode").asText()).isEqualTo("live");
        List<String> calls = new ArrayList<>();
        plan.path("calls")
                .forEach(c -> calls.add(
                        c.path("operation").asText() + " " + c.path("target").asText()));
        assertThat(calls).as("plan %s", plan).hasSize(1);
        assertThat(calls.get(0))
                .startsWith("DeleteGroupMembership")
                .contains("kiro-pro")
                .contains(dee);
        checkPlannedRequest(plan.path("calls").get(0));
        assertThat(plan.path("drift").findValuesAsText("userName"))
                .as("plan drift")
                .containsExactly(dee);

        Instant reconcileStarted = Instant.now();
        JsonNode report = scim.post(server.baseUri() + "/admin/v1/sync/reconcile", "")
                .expectStatus(200)
                .json();
        assertThat(report.path("driftFound").asInt())
                .as("reconcile report %s", report)
                .isEqualTo(1);
        assertIdentityStoreIsExactly("drift repaired: dee out of kiro-pro again");

        JsonNode lastReconcile = admin("/admin/v1/sync").path("lastReconcile");
        assertThat(Instant.parse(lastReconcile.path("time").asText()))
                .isAfterOrEqualTo(reconcileStarted.minusSeconds(1));
        assertThat(lastReconcile.path("driftFound").asInt())
                .as("lastReconcile %s", lastReconcile)
                .isEqualTo(1);
        assertThat(lastReconcile.path("changes").asInt())
                .as("lastReconcile %s", lastReconcile)
                .isEqualTo(1);
        assertThat(lastReconcile.has("error")).isFalse();

        JsonNode events = scim.get(server.baseUri() + "/admin/v1/audit", "type", "idc.", "limit", "1000")
                .expectStatus(200)
                .json()
                .path("events");
        List<JsonNode> repaired = new ArrayList<>();
        events.forEach(e -> {
            // Only this scenario's users: the class shares one server, whose start-up reconcile may overlap other
            // scenarios (and can report a user the worker created during its listing as deleted: a known race).
            String subject = e.path("subject").path("id").asText();
            if (e.path("type").asText().equals("idc.drift.repaired")
                    && (subject.equals(deeId) || subject.equals(danId))) {
                repaired.add(e);
            }
        });
        assertThat(repaired).as("idc.drift.repaired events").hasSize(1);
        assertThat(repaired.get(0).toString()).contains(deeId);

        JsonNode planAfter = admin("/admin/v1/sync/plan");
        assertThat(planAfter.path("calls"))
                .as("plan after the repair %s", planAfter)
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------- latency

    @Test
    void offboardingLatency_scimDeactivateToMembershipGone_p95Under5s() {
        int n = 10;
        Map<String, String> scimIds = new LinkedHashMap<>(); // userName -> SCIM id
        for (int i = 0; i < n; i++) {
            String userName = "latency-" + i + "-" + Bodies.unique() + "@example.com";
            scimIds.put(userName, scim.createUser(userName));
            expected.put(userName, new Expected("Given Family", "Given", "Family", userName, "kiro-pro"));
        }
        scim.createGroup("Latency-Team", scimIds.values().toArray(String[]::new));
        assertIdentityStoreIsExactly(n + " users hold PRO through Latency-Team");

        IdentityStoreView.Snapshot snapshot = store.snapshot();
        List<Long> millis = new ArrayList<>();
        for (Map.Entry<String, String> user : scimIds.entrySet()) {
            String identityCenterUserId = snapshot.users().get(user.getKey()).userId();
            assertThat(store.isMember("kiro-pro", identityCenterUserId))
                    .as("%s in kiro-pro before", user.getKey())
                    .isTrue();
            oktaSetActive(user.getValue(), false);
            long answered = System.nanoTime();
            Poll.until(
                    "membership of " + user.getKey() + " gone",
                    Duration.ofSeconds(30),
                    POLL,
                    () -> store.isMember("kiro-pro", identityCenterUserId),
                    member -> !member);
            millis.add((System.nanoTime() - answered) / 1_000_000);
            expected.put(user.getKey(), expected.get(user.getKey()).inGroup(null));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get((int) Math.ceil(0.50 * n) - 1);
        long p95 = sorted.get((int) Math.ceil(0.95 * n) - 1);
        System.out.printf(
                "offboarding latency (SCIM deactivate answered -> membership gone in the emulator, %d users, "
                        + "polled every %d ms): min %d ms, p50 %d ms, p95 %d ms, max %d ms; all %s%n",
                n, POLL.toMillis(), sorted.get(0), p50, p95, sorted.get(n - 1), millis);
        assertThat(p95).as("p95 offboarding latency in ms, samples %s", millis).isLessThan(5_000);
        assertIdentityStoreIsExactly("all latency users deactivated");
    }

    // ------------------------------------------------------------------------------------------- pool over its cap

    @Test
    void poolOverItsCap_waitlistsInTheBridge_andPromotesDownstreamWhenASeatFrees() {
        TwoMembers joined = joinOneAfterTheOther("Cap-Team", "cap");
        String first = joined.first();
        String second = joined.second();
        expected.put(first, new Expected("Given Family", "Given", "Family", first, "kiro-pro-plus"));
        assertIdentityStoreIsExactly("Cap-Team has 1 seat: the second member waits in the bridge, nothing downstream");

        oktaRemoveMember(joined.groupId(), joined.firstId());
        expected.put(first, expected.get(first).inGroup(null));
        expected.put(second, new Expected("Given Family", "Given", "Family", second, "kiro-pro-plus"));
        assertIdentityStoreIsExactly("the seat holder left: the waitlisted member is promoted");
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** Two users who joined {@code groupId} one after the other (so the first holds the older seat). */
    record TwoMembers(String groupId, String first, String firstId, String second, String secondId) {}

    /** Creates two users and the group, then adds them one PATCH each, as Okta does. */
    protected TwoMembers joinOneAfterTheOther(String group, String prefix) {
        String first = prefix + "-1-" + Bodies.unique() + "@example.com";
        String second = prefix + "-2-" + Bodies.unique() + "@example.com";
        String firstId = scim.createUser(first);
        String secondId = scim.createUser(second);
        String groupId = scim.createGroup(group);
        oktaAddMember(groupId, firstId, first);
        oktaAddMember(groupId, secondId, second);
        return new TwoMembers(groupId, first, firstId, second, secondId);
    }

    protected JsonNode admin(String path) {
        return scim.get(server.baseUri() + path).expectStatus(200).json();
    }

    /** Waits until the outbox is empty (failing on a dead letter), then compares a full listing with {@link #expected}. */
    protected void assertIdentityStoreIsExactly(String step) {
        assertIdentityStoreIsExactly(step, SYNC_TIMEOUT);
    }

    /** {@link #assertIdentityStoreIsExactly(String)} for a step that needs longer than {@link #SYNC_TIMEOUT}. */
    protected void assertIdentityStoreIsExactly(String step, Duration timeout) {
        Poll.until(
                "sync idle after: " + step,
                timeout,
                POLL,
                () -> {
                    JsonNode s = admin("/admin/v1/sync");
                    assertThat(s.path("deadLetter").asInt())
                            .as("dead letters after %s: %s", step, s)
                            .isZero();
                    return s;
                },
                s -> s.path("pending").asInt() == 0);

        IdentityStoreView.Snapshot actual = store.snapshot();
        assertThat(actual.users().keySet())
                .as("%s: Identity Store users", step)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((userName, want) -> {
            IdentityStoreView.UserView got = actual.users().get(userName);
            assertThat(new Expected(
                            got.displayName(), got.givenName(), got.familyName(), got.email(), want.tierGroup()))
                    .as("%s: profile of %s", step, userName)
                    .isEqualTo(want);
        });
        for (String group : IdentityStoreView.tierGroups()) {
            Set<String> want = expected.entrySet().stream()
                    .filter(e -> group.equals(e.getValue().tierGroup()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual.members(group))
                    .as("%s: members of %s", step, group)
                    .containsExactlyInAnyOrderElementsOf(want);
        }
        assertThat(IdentityStoreView.tierGroups())
                .as("%s: only tier groups exist", step)
                .containsAll(actual.groupIds().keySet());
    }

    /** Waits until {@code server}'s outbox is empty, failing on a dead letter. */
    static void awaitSyncIdle(ScimClient client, KiroServer server, String step) {
        Poll.until(
                "sync idle after: " + step,
                SYNC_TIMEOUT,
                POLL,
                () -> {
                    JsonNode s = client.get(server.baseUri() + "/admin/v1/sync")
                            .expectStatus(200)
                            .json();
                    assertThat(s.path("deadLetter").asInt())
                            .as("dead letters after %s: %s", step, s)
                            .isZero();
                    return s;
                },
                s -> s.path("pending").asInt() == 0);
    }
}
