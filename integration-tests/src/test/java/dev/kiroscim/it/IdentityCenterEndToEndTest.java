package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 end to end against the Identity Store API: the lifecycles of {@link DownstreamLifecycleContract} on the
 * Identity Store emulator (moto + extension), plus what only the API mode has (plan-only, delete-user offboarding).
 */
class IdentityCenterEndToEndTest extends DownstreamLifecycleContract {

    private Emulator moto;
    private String identityStoreId;

    @Override
    protected boolean startDownstream(Path dir) throws Exception {
        moto = Emulator.start();
        identityStoreId = Emulator.newStoreId();
        return moto.running();
    }

    @Override
    protected void requireDownstream() {
        moto.require();
    }

    @Override
    protected String identityCenterYaml() {
        return """
                identityCenter:
                  identityStoreId: %s
                  region: us-east-1
                  endpoint: %s
                  maxRequestsPerSecond: 10
                """.formatted(identityStoreId, moto.endpoint());
    }

    @Override
    protected ServerOptions withDownstream(ServerOptions options) {
        return options.withStaticAwsCredentials();
    }

    @Override
    protected DownstreamView openView() {
        return IdentityStoreView.of(moto.endpoint(), identityStoreId);
    }

    @Override
    protected void checkPlannedRequest(JsonNode removeMembershipCall) {
        assertThat(removeMembershipCall.has("request"))
                .as("API mode plans API calls only: %s", removeMembershipCall)
                .isFalse();
    }

    @Override
    protected void stopDownstream() {
        if (moto != null) {
            moto.close();
        }
    }

    // ------------------------------------------------------------------------------------------- plan-only

    @Test
    void planOnly_withoutIdentityStoreId_reportsTheCallsItWouldMake() {
        try (KiroServer planOnly = KiroServer.start(
                ServerOptions.on(Backend.H2).withConfigYaml("identityCenter:\n  offboarding: remove-membership\n"))) {
            ScimClient client = ScimClient.bearer(planOnly);
            String userName = "plan-" + Bodies.unique() + "@example.com";
            String userId = client.createUser(userName);
            client.createUser("plan-noseat-" + Bodies.unique() + "@example.com");
            client.createGroup("Kiro-Developers", userId);

            JsonNode status = Poll.until(
                    "plan-only outbox drained",
                    SYNC_TIMEOUT,
                    POLL,
                    () -> client.get(planOnly.baseUri() + "/admin/v1/sync")
                            .expectStatus(200)
                            .json(),
                    s -> s.path("pending").asInt() == 0);
            assertThat(status.path("mode").asText()).isEqualTo("plan-only");
            assertThat(status.path("deadLetter").asInt()).isZero();

            JsonNode plan = client.get(planOnly.baseUri() + "/admin/v1/sync/plan")
                    .expectStatus(200)
                    .json();
            assertThat(plan.path("mode").asText()).isEqualTo("plan-only");
            List<String> calls = new ArrayList<>();
            plan.path("calls")
                    .forEach(c -> calls.add(c.path("operation").asText() + " "
                            + c.path("target").asText()));
            // The user without a seat costs nothing; the group is looked up (to adopt one made by hand) before it is
            // created.
            assertThat(calls)
                    .as("plan %s", plan)
                    .containsExactly(
                            "CreateUser " + userName,
                            "GetGroupId kiro-pro",
                            "CreateGroup kiro-pro",
                            "CreateGroupMembership kiro-pro + " + userName);
            List<String> groupsToCreate = new ArrayList<>();
            plan.path("groupsToCreate").forEach(g -> groupsToCreate.add(g.asText()));
            assertThat(groupsToCreate)
                    .as("no Identity Store: every tier group is missing")
                    .containsExactlyInAnyOrder("kiro-pro", "kiro-pro-plus", "kiro-pro-max", "kiro-power");
            assertThat(plan.path("notice").asText()).contains("Kiro console");
        }
    }

    // ------------------------------------------------------------------------------------------- delete-user

    /**
     * {@code offboarding: delete-user}, on a second server and its own Identity Store: deactivating a seat holder the
     * bridge created deletes the Identity Store user (which cancels the Kiro subscription); a user that existed
     * before (same userName, adopted) only leaves the tier group — on deactivation and even on SCIM DELETE.
     */
    @Test
    void deleteUserOffboarding_deletesUsersWeCreated_neverAdoptedOnes() {
        String deleteStoreId = Emulator.newStoreId();
        String yaml = """
                identityCenter:
                  identityStoreId: %s
                  region: us-east-1
                  endpoint: %s
                  offboarding: delete-user
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                pools:
                  - group: Kiro-Developers
                    tier: PRO
                """.formatted(deleteStoreId, moto.endpoint());
        try (IdentityStoreView deleteStore = IdentityStoreView.of(moto.endpoint(), deleteStoreId);
                KiroServer deleting = KiroServer.start(
                        ServerOptions.on(Backend.H2).withConfigYaml(yaml).withStaticAwsCredentials())) {
            ScimClient client = ScimClient.bearer(deleting);
            String carl = "del-carl-" + Bodies.unique() + "@example.com";
            String ada = "del-ada-" + Bodies.unique() + "@example.com";
            String adaIdcId = deleteStore.createUser(ada, "Ada", "Before");
            String carlId = client.createUser(carl);
            String adaId = client.createUser(ada);
            client.createGroup("Kiro-Developers", carlId, adaId);

            IdentityStoreView.Snapshot seated = awaitSyncIdle(client, deleting, deleteStore, "both hold PRO");
            assertThat(seated.members("kiro-pro")).as("kiro-pro").containsExactlyInAnyOrder(carl, ada);
            assertThat(seated.users().get(ada).userId())
                    .as("ada adopted, not created again")
                    .isEqualTo(adaIdcId);
            assertThat(seated.users().get(ada).displayName())
                    .as("adopted user updated to the SCIM profile")
                    .isEqualTo("Given Family");
            String carlIdcId = seated.users().get(carl).userId();

            client.patch("/Users/" + carlId, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
                    .expectStatus(200);
            IdentityStoreView.Snapshot carlGone = awaitSyncIdle(client, deleting, deleteStore, "carl deactivated");
            assertThat(carlGone.users())
                    .as("users after carl's deactivation")
                    .doesNotContainKey(carl)
                    .containsKey(ada);
            assertThat(carlGone.members("kiro-pro")).containsExactly(ada);

            client.patch("/Users/" + adaId, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
                    .expectStatus(200);
            IdentityStoreView.Snapshot adaInactive = awaitSyncIdle(client, deleting, deleteStore, "ada deactivated");
            assertThat(adaInactive.users())
                    .as("adopted ada stays after deactivation")
                    .containsKey(ada);
            assertThat(adaInactive.users().get(ada).userId()).isEqualTo(adaIdcId);
            assertThat(adaInactive.members("kiro-pro"))
                    .as("kiro-pro after ada's deactivation")
                    .isEmpty();

            client.delete("/Users/" + adaId).expectStatus(204);
            IdentityStoreView.Snapshot adaDeleted =
                    awaitSyncIdle(client, deleting, deleteStore, "ada deleted over SCIM");
            assertThat(adaDeleted.users())
                    .as("adopted ada stays even after SCIM DELETE")
                    .containsOnlyKeys(ada);
            assertThat(adaDeleted.users().get(ada).userId()).isEqualTo(adaIdcId);

            client.patch("/Users/" + carlId, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"))
                    .expectStatus(200);
            IdentityStoreView.Snapshot carlBack = awaitSyncIdle(client, deleting, deleteStore, "carl reactivated");
            assertThat(carlBack.members("kiro-pro")).as("carl holds PRO again").containsExactly(carl);
            assertThat(carlBack.users().get(carl).userId())
                    .as("a new Identity Store user")
                    .isNotEqualTo(carlIdcId);

            JsonNode events = client.get(deleting.baseUri() + "/admin/v1/audit", "type", "idc.user.", "limit", "1000")
                    .expectStatus(200)
                    .json()
                    .path("events");
            List<String> userEvents = new ArrayList<>();
            events.forEach(e -> userEvents.add(e.path("type").asText() + " "
                    + e.path("subject").path("name").asText() + " "
                    + e.path("details").path("identityStoreUserId").asText()));
            assertThat(userEvents)
                    .as("idc.user.created/adopted/deleted events")
                    .filteredOn(e -> !e.startsWith("idc.user.updated"))
                    .containsExactlyInAnyOrder(
                            "idc.user.created " + carl + " " + carlIdcId,
                            "idc.user.adopted " + ada + " " + adaIdcId,
                            "idc.user.deleted " + carl + " " + carlIdcId,
                            "idc.user.created " + carl + " "
                                    + carlBack.users().get(carl).userId());
        }
    }

    /** Waits until {@code server}'s outbox is empty (failing on a dead letter), then lists {@code view}. */
    private static IdentityStoreView.Snapshot awaitSyncIdle(
            ScimClient client, KiroServer server, IdentityStoreView view, String step) {
        awaitSyncIdle(client, server, step);
        return view.snapshot();
    }
}
