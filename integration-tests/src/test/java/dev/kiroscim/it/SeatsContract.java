package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seat allocation driven through SCIM, the way Okta and Entra push groups, observed through
 * {@code /admin/v1/seats} and {@code /admin/v1/entitlements}. Each test draws on its own pools of one server's
 * policy, so tests do not see each other's seats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeatsContract {

    static final String POLICY = """
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
              - group: Okta-Developers
                tier: PRO
                seats: 1
              - group: Okta-Platform
                tier: PRO_PLUS
                seats: 1
              - group: entra-developers-ext     # named by the group's externalId
                tier: PRO
                seats: 1
              - group: Entra-Platform
                tier: PRO_PLUS
                seats: 1
              - group: Contractors
                tier: PRO
                seats: 1
                maxGrant: PT5S
              - group: Paging
                tier: POWER
              - group: Renamed-Pool
                tier: PRO
                seats: 1
            audit:
              retention: forever
            """;

    private KiroServer server;
    private ScimClient scim;
    private SeatsAdmin admin;

    protected abstract Backend backend();

    @BeforeAll
    void start() {
        server = KiroServer.start(ServerOptions.on(backend()).withConfigYaml(POLICY));
        scim = ScimClient.bearer(server);
        admin = new SeatsAdmin(server);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String user(String prefix) {
        return scim.createUser(Bodies.uniqueUserName(prefix));
    }

    private void patchGroup(String groupId, String... operations) {
        ScimResponse patched = scim.patch("/Groups/" + groupId, Bodies.patch(operations));
        assertThat(patched.status()).as("PATCH group\n%s", patched.describe()).isIn(200, 204);
    }

    private void patchUser(String userId, String... operations) {
        ScimResponse patched = scim.patch("/Users/" + userId, Bodies.patch(operations));
        assertThat(patched.status()).as("PATCH user\n%s", patched.describe()).isIn(200, 204);
    }

    @Test
    void oktaPushesWithPatchAndPut_andADeactivationPromotesTheQueue() {
        String ann = user("okta-ann");
        String bob = user("okta-bob");
        String cid = user("okta-cid");
        String platform = scim.createGroup("Okta-Platform");
        String developers = scim.createGroup("okta-developers"); // pools match displayNames case-insensitively

        // Okta's group push: PATCH add with a members list, one request per change
        patchGroup(
                platform,
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\",\"display\":\"ann\"}]}");
        patchGroup(
                platform,
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\",\"display\":\"bob\"}]}");
        // Okta's wizard apps push the full list with PUT (only the difference is applied: bob keeps his join time)
        scim.put("/Groups/" + developers, Bodies.group("okta-developers", bob)).expectStatus(200);
        scim.put("/Groups/" + developers, Bodies.group("okta-developers", bob, cid))
                .expectStatus(200);

        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO_PLUS Okta-Platform");
        assertThat(admin.state(bob))
                .as("rule 5: bob waits for PRO_PLUS and holds PRO meanwhile")
                .isEqualTo("ASSIGNED PRO Okta-Developers");
        assertThat(admin.waitlist(bob)).isEqualTo("Okta-Platform#1");
        assertThat(admin.state(cid)).isEqualTo("WAITLISTED - -");
        assertThat(admin.waitlist(cid)).isEqualTo("Okta-Developers#1");
        assertThat(admin.use("Okta-Platform")).isEqualTo("1/1");
        assertThat(admin.use("Okta-Developers")).isEqualTo("1/1");

        // Okta deactivates with a path-less replace
        patchUser(ann, "{\"op\":\"replace\",\"value\":{\"active\":false}}");

        assertThat(admin.state(ann)).as("rule 1").isEqualTo("NONE - -");
        assertThat(admin.state(bob)).as("rules 4 and 5: bob moves up").isEqualTo("ASSIGNED PRO_PLUS Okta-Platform");
        assertThat(admin.state(cid)).as("the PRO seat bob left goes to cid").isEqualTo("ASSIGNED PRO Okta-Developers");
        assertThat(admin.use("Okta-Platform")).isEqualTo("1/0");
        assertThat(admin.use("Okta-Developers")).isEqualTo("1/0");

        // Okta removes a member with a value filter; bob falls back to the queue of his other pool
        patchGroup(platform, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + bob + "\\\"]\"}");
        assertThat(admin.state(bob))
                .as("no pre-emption: cid keeps the PRO seat")
                .isEqualTo("WAITLISTED - -");
        assertThat(admin.waitlist(bob)).isEqualTo("Okta-Developers#1");
        assertThat(admin.use("Okta-Platform")).isEqualTo("0/0");

        // Reactivating ann puts her back in line for Okta-Platform, where a seat is free
        patchUser(ann, "{\"op\":\"replace\",\"value\":{\"active\":true}}");
        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO_PLUS Okta-Platform");
    }

    @Test
    void entraPushesWithCapitalisedOpsAndExternalIds_andDeletingTheHolderPromotes() {
        String ann = user("entra-ann");
        String bob = user("entra-bob");
        // the pool names this group by externalId, not by its displayName
        String developers = scim.post(
                        "/Groups", Bodies.group("Entra Developers").put("externalId", "entra-developers-ext"))
                .expectStatus(201)
                .id();
        String platform = scim.createGroup("Entra-Platform");

        patchGroup(developers, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\"}]}");
        patchGroup(developers, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}");
        patchGroup(platform, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}");

        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO entra-developers-ext");
        assertThat(admin.state(bob))
                .as("rule 2: the highest tier with room")
                .isEqualTo("ASSIGNED PRO_PLUS Entra-Platform");
        assertThat(admin.use("entra-developers-ext"))
                .as("bob holds a higher seat, so he does not wait for PRO")
                .isEqualTo("1/0");

        // Entra deactivates with a string boolean and a capitalised op
        patchUser(ann, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}");
        assertThat(admin.state(ann)).isEqualTo("NONE - -");
        assertThat(admin.use("entra-developers-ext")).isEqualTo("0/0");

        String cid = user("entra-cid");
        patchGroup(developers, "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + cid + "\"}]}");
        assertThat(admin.state(cid)).isEqualTo("ASSIGNED PRO entra-developers-ext");
        patchUser(ann, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}");
        assertThat(admin.state(ann))
                .as("rule 3: reactivated ann is first in line but pre-empts nobody")
                .isEqualTo("WAITLISTED - -");
        assertThat(admin.waitlist(ann)).isEqualTo("entra-developers-ext#1");

        // Entra removes members with a value list; the freed seat goes to ann at once
        patchGroup(developers, "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + cid + "\"}]}");
        assertThat(admin.state(cid)).isEqualTo("NONE - -");
        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO entra-developers-ext");

        // Deleting the group releases everyone in it
        scim.delete("/Groups/" + developers).expectStatus(204);
        assertThat(admin.state(ann)).isEqualTo("NONE - -");
        assertThat(admin.use("entra-developers-ext")).isEqualTo("0/0");
        scim.delete("/Users/" + bob).expectStatus(204);
        assertThat(admin.use("Entra-Platform")).isEqualTo("0/0");
    }

    @Test
    void aGrantExpiresAfterMaxGrant_andTheNextInLineGetsTheSeat_andRejoiningStartsANewGrant() {
        String ann = user("contractor-ann");
        String bob = user("contractor-bob");
        String contractors = scim.createGroup("Contractors", ann);
        patchGroup(contractors, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}");

        JsonNode held = admin.entitlement(ann);
        assertThat(held.path("state").asText()).isEqualTo("ASSIGNED");
        Instant since = Instant.parse(held.path("since").asText());
        assertThat(Instant.parse(held.path("expiresAt").asText())).isEqualTo(since.plusSeconds(5));
        assertThat(admin.state(bob)).isEqualTo("WAITLISTED - -");

        JsonNode expired = admin.awaitEntitlement(
                ann, Duration.ofSeconds(30), e -> e.path("state").asText().equals("EXPIRED"));
        assertThat(expired.path("pool").asText()).isEqualTo("Contractors");
        assertThat(Instant.parse(expired.path("since").asText()))
                .as("EXPIRED since the deadline")
                .isEqualTo(since.plusSeconds(5));
        assertThat(admin.state(bob))
                .as("rule 4: the freed seat goes to the next in line")
                .isEqualTo("ASSIGNED PRO Contractors");

        patchGroup(contractors, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ann + "\\\"]\"}");
        patchGroup(contractors, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann + "\"}]}");
        assertThat(admin.state(ann))
                .as("rule 6: re-joining starts a new grant, at the end of the queue")
                .isEqualTo("WAITLISTED - -");
        assertThat(admin.waitlist(ann)).isEqualTo("Contractors#1");

        JsonNode audit = scim.get(server.baseUri() + "/admin/v1/audit", "userId", ann, "type", "seat.")
                .expectStatus(200)
                .json();
        List<String> types = new ArrayList<>();
        audit.path("events").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("seat.assigned", "seat.expired", "seat.waitlisted");
    }

    @Test
    void renamingAGroupIntoOrOutOfAPoolMovesItsMembers() {
        String ann = user("rename-ann");
        String bob = user("rename-bob");
        String group = scim.createGroup("Rename-Me-" + Bodies.unique(), ann);
        patchGroup(group, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}");
        assertThat(admin.state(ann)).isEqualTo("NONE - -");

        patchGroup(group, "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Renamed-Pool\"}");
        assertThat(admin.state(ann)).as("first to join the group").isEqualTo("ASSIGNED PRO Renamed-Pool");
        assertThat(admin.state(bob)).isEqualTo("WAITLISTED - -");
        assertThat(admin.use("Renamed-Pool")).isEqualTo("1/1");

        patchGroup(
                group,
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Out-Of-Pool-" + Bodies.unique() + "\"}");
        assertThat(admin.state(ann)).isEqualTo("NONE - -");
        assertThat(admin.use("Renamed-Pool")).isEqualTo("0/0");

        // the externalId can name the pool too
        patchGroup(group, "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"renamed-pool\"}");
        assertThat(admin.state(ann)).isEqualTo("ASSIGNED PRO Renamed-Pool");
        patchGroup(group, "{\"op\":\"remove\",\"path\":\"externalId\"}");
        assertThat(admin.use("Renamed-Pool")).isEqualTo("0/0");
    }

    @Test
    void entitlementsAreListedWithFiltersAndACursor() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(user("paging-" + i));
        }
        String outsider = user("paging-outsider");
        scim.createGroup("Paging", members.toArray(String[]::new));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ScimResponse page = cursor == null
                    ? scim.get(
                            server.baseUri() + "/admin/v1/entitlements",
                            "pool",
                            "paging",
                            "state",
                            "ASSIGNED",
                            "limit",
                            "2")
                    : scim.get(
                            server.baseUri() + "/admin/v1/entitlements",
                            "pool",
                            "paging",
                            "state",
                            "ASSIGNED",
                            "limit",
                            "2",
                            "cursor",
                            cursor);
            page.expectStatus(200);
            page.json().path("entitlements").forEach(e -> {
                assertThat(e.path("tier").asText()).isEqualTo("POWER");
                seen.add(e.path("id").asText());
            });
            cursor = page.json().path("next").isNull()
                    ? null
                    : page.json().path("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(members.stream().sorted().toList());
        assertThat(pages).isGreaterThanOrEqualTo(3);

        JsonNode none = scim.get(server.baseUri() + "/admin/v1/entitlements", "state", "NONE", "limit", "500")
                .expectStatus(200)
                .json();
        List<String> noneIds = new ArrayList<>();
        none.path("entitlements").forEach(e -> noneIds.add(e.path("id").asText()));
        assertThat(noneIds).contains(outsider).doesNotContainAnyElementsOf(members);
        JsonNode outsiderEntitlement = admin.entitlement(outsider);
        assertThat(outsiderEntitlement.path("userName").asText()).startsWith("paging-outsider-");
        assertThat(outsiderEntitlement.path("waitlist").isArray()).isTrue();
    }

    @Test
    void adminErrorsAreJsonWithAMessage_andScimTokensAreRefused() {
        ScimResponse missing = scim.get(server.baseUri() + "/admin/v1/entitlements/no-such-user")
                .expectStatus(404);
        assertThat(missing.text("message")).contains("no-such-user");
        ScimResponse badState = scim.get(server.baseUri() + "/admin/v1/entitlements", "state", "HAPPY")
                .expectStatus(400);
        assertThat(badState.text("message")).contains("ASSIGNED");

        String name = "seats-scim-" + Bodies.unique();
        String scimToken = scim.post(
                        server.baseUri() + "/admin/v1/tokens", "{\"name\":\"" + name + "\",\"scope\":\"scim\"}")
                .expectStatus(201)
                .text("token");
        ScimClient scimOnly = scim.withAuthorization("Bearer " + scimToken);
        scimOnly.get(server.baseUri() + "/admin/v1/seats").expectStatus(403);
        scimOnly.get(server.baseUri() + "/admin/v1/entitlements/x").expectStatus(403);
        scimOnly.post(server.baseUri() + "/admin/v1/policy/reload", "").expectStatus(403);
        scim.withAuthorization(null).get(server.baseUri() + "/admin/v1/seats").expectStatus(401);
    }

    @Test
    void theSeatsOverviewShowsCapsAndMonthlyCost() {
        JsonNode seats = admin.seats();
        JsonNode paging = admin.pool("Paging");
        assertThat(paging.path("seats").isNull())
                .as("an unlimited pool has seats: null")
                .isTrue();
        assertThat(admin.pool("Okta-Platform").path("seats").asInt()).isEqualTo(1);
        assertThat(admin.pool("Contractors").path("tier").asText()).isEqualTo("PRO");
        List<String> tiers = new ArrayList<>();
        double total = 0;
        for (JsonNode tier : seats.path("tiers")) {
            tiers.add(tier.path("tier").asText());
            double price = switch (tier.path("tier").asText()) {
                case "PRO" -> 20;
                case "PRO_PLUS" -> 40;
                default -> 200;
            };
            assertThat(tier.path("monthlyCostUsd").asDouble())
                    .isEqualTo(price * tier.path("assigned").asInt());
            total += tier.path("monthlyCostUsd").asDouble();
        }
        assertThat(tiers).containsExactly("PRO", "PRO_PLUS", "POWER");
        assertThat(seats.path("monthlyCostUsd").asDouble()).isEqualTo(total);
    }
}
