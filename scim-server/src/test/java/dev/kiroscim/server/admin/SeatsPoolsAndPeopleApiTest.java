package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.cluster.ReplicaState;
import dev.kiroscim.persistence.JdbcClusterStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an identity admin or the helpdesk reads about seats on the seeded fixture: caps, holders and the FIFO
 * waitlist (seats, entitlements, pools), grants running out, seat history, idle seats, why a person has no seat
 * (explain), people search, and the replicas (cluster).
 */
class SeatsPoolsAndPeopleApiTest extends OnSeededAdminApi {

    @Test
    void seatsShowEachPoolsCapHoldersAndWaitingAndTheCost() {
        JsonNode seats = api.get("admin/v1/seats").json();
        assertThat(poolLine(seats.path("pools"), "Dev-Team")).isEqualTo("Dev-Team PRO seats=1 assigned=1 waitlisted=2");
        assertThat(poolLine(seats.path("pools"), "Power-Team"))
                .isEqualTo("Power-Team POWER seats=null assigned=1 waitlisted=0");
        assertThat(poolLine(seats.path("pools"), "Kiro-Idle"))
                .isEqualTo("Kiro-Idle PRO seats=5 assigned=0 waitlisted=0");
        assertThat(seats.path("monthlyCostUsd").asInt()).isEqualTo(220);
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3} {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                "ann,  ASSIGNED,   PRO,   Dev-Team,   2026-11-01T09:00:00Z, -,                    -",
                "bob,  WAITLISTED, -,     -,          -,                    -,                    Dev-Team#1",
                "cara, WAITLISTED, -,     -,          -,                    -,                    Dev-Team#2",
                "dan,  ASSIGNED,   POWER, Power-Team, 2026-11-10T09:00:00Z, 2026-11-20T09:00:00Z, -",
                "eve,  NONE,       -,     -,          -,                    -,                    -",
            })
    void oneEntitlementSaysStateTierPoolAndPlaceInLine(
            String who, String state, String tier, String pool, String since, String expiresAt, String waitlist) {
        JsonNode e = api.get("admin/v1/entitlements/" + api.userId(who)).json();
        assertThat(e.path("userName").asText()).isEqualTo(who + "@example.com");
        assertThat(e.path("state").asText()).isEqualTo(state);
        assertThat(e.path("tier").textValue()).isEqualTo(tier);
        assertThat(e.path("pool").textValue()).isEqualTo(pool);
        assertThat(e.path("since").textValue()).isEqualTo(since);
        assertThat(e.path("expiresAt").textValue()).isEqualTo(expiresAt);
        List<String> places = new ArrayList<>();
        e.path("waitlist")
                .forEach(w -> places.add(
                        w.path("pool").asText() + "#" + w.path("position").asInt()));
        assertThat(places).isEqualTo(waitlist == null ? List.of() : List.of(waitlist));
    }

    @Test
    void entitlementsFilterByStateAndPoolAndPageWithTheCursor() {
        List<String> waiting = new ArrayList<>();
        api.get("admin/v1/entitlements?state=waitlisted&pool=Dev-Team")
                .json()
                .path("entitlements")
                .forEach(e -> waiting.add(e.path("userName").asText()));
        assertThat(waiting).containsExactlyInAnyOrder("bob@example.com", "cara@example.com");

        List<String> everyone = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 20 && cursor != null; page++) {
            JsonNode body =
                    api.get("admin/v1/entitlements?limit=2&cursor=" + cursor).json();
            assertThat(body.path("entitlements").size()).isLessThanOrEqualTo(2);
            body.path("entitlements")
                    .forEach(e -> everyone.add(e.path("userName").asText()));
            cursor = body.path("next").textValue();
        }
        assertThat(cursor).as("the last page has no next").isNull();
        assertThat(everyone)
                .containsExactlyInAnyOrder(
                        "ann@example.com", "bob@example.com", "cara@example.com", "dan@example.com", "eve@example.com");
    }

    @Test
    void aPoolListsItsHoldersAndItsWaitlistInQueueOrder() {
        JsonNode dev = api.get("admin/v1/pools/dev-team").json();
        assertThat(dev.path("pool").asText()).isEqualTo("Dev-Team");
        assertThat(dev.path("seats").asInt()).isEqualTo(1);
        assertThat(dev.path("holderCount").asInt()).isEqualTo(1);
        assertThat(dev.path("holders").get(0).path("userName").asText()).isEqualTo("ann@example.com");
        assertThat(dev.path("holders").get(0).path("since").asText()).isEqualTo("2026-11-01T09:00:00Z");
        assertThat(dev.path("waitingCount").asInt()).isEqualTo(2);
        List<String> line = new ArrayList<>();
        dev.path("waitlist")
                .forEach(w -> line.add(w.path("position").asInt() + " "
                        + w.path("userName").asText() + " " + w.path("joinedAt").asText()));
        assertThat(line)
                .containsExactly("1 bob@example.com 2026-11-02T09:00:00Z", "2 cara@example.com 2026-11-03T09:00:00Z");

        JsonNode power = api.get("admin/v1/pools/Power-Team").json();
        assertThat(power.path("seats").isNull()).as("unlimited").isTrue();
        assertThat(power.path("holders").get(0).path("expiresAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(api.get("admin/v1/pools/Dev-Team?limit=1")
                        .json()
                        .path("waitlist")
                        .size())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "days={0} → {1}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, 2026-11-22T12:00:00Z, dan@example.com",
                "0, 2026-11-15T12:00:00Z, -",
                "4, 2026-11-19T12:00:00Z, -"
            })
    void expiringListsTheGrantsThatEndWithinTheWindow(String days, String until, String who) {
        JsonNode body = api.get("admin/v1/pools/expiring" + (days == null ? "" : "?days=" + days))
                .json();
        assertThat(body.path("until").asText()).isEqualTo(until);
        List<String> grants = new ArrayList<>();
        body.path("grants")
                .forEach(g -> grants.add(g.path("userName").asText() + " "
                        + g.path("pool").asText() + " " + g.path("expiresAt").asText()));
        assertThat(grants).isEqualTo(who == null ? List.of() : List.of(who + " Power-Team 2026-11-20T09:00:00Z"));
    }

    @Test
    void seatHistoryCountsHoldersAtTheEndOfEachDay() {
        JsonNode body = api.get("admin/v1/seats/history?days=16").json();
        List<String> days = new ArrayList<>();
        body.path("days").forEach(d -> days.add(d.asText()));
        assertThat(days).hasSize(16).startsWith("2026-10-31").endsWith("2026-11-15");
        assertThat(series(body.path("pools").path("Dev-Team")))
                .isEqualTo(List.of(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(series(body.path("pools").path("Power-Team")))
                .isEqualTo(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1));
        assertThat(series(body.path("tiers").path("PRO")).get(15)).isEqualTo(1);
    }

    @Test
    void idleSeatsNeverCountMissingReportDataAsIdleness() {
        JsonNode body = api.get("admin/v1/seats/idle?days=14").json();
        assertThat(body.path("days").asInt()).isEqualTo(14);
        assertThat(body.path("reportConfigured").asBoolean()).isFalse();
        assertThat(body.path("idle").size()).isZero();
        List<String> noData = new ArrayList<>();
        body.path("noReportData").forEach(h -> noData.add(h.path("userName").asText()));
        assertThat(noData).containsExactlyInAnyOrder("ann@example.com", "dan@example.com");
        assertThat(body.path("noReportData").get(0).path("message").asText()).contains("not configured");
        assertThat(body.path("counts").path("holders").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "explain {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "eve@example.com   | Step 2 | The user is in no IdP group pushed here",
                "bob@example.com   | Step 3 | pool 'Dev-Team' is full, position 1 in line",
                "cara@example.com  | Step 3 | pool 'Dev-Team' is full, position 2 in line",
                "nobody@example.com| Step 1 | No user 'nobody@example.com' was ever provisioned here",
            })
    void explainNamesTheStepThatKeepsAPersonFromASeat(String user, String step, String reason) {
        AdminApiFixture.Answer answer = api.get("admin/v1/users/" + user + "/explain");
        assertThat(answer.status()).as("never provisioned is an answer too").isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("verdict").asText()).startsWith(step).contains(reason);
        assertThat(body.path("checks").size()).isPositive();
    }

    @Test
    void explainFindsAPersonByIdAsWellAsByUserName() {
        JsonNode byId =
                api.get("admin/v1/users/" + api.userId("ann") + "/explain").json();
        assertThat(byId.path("userName").asText()).isEqualTo("ann@example.com");
        JsonNode seatCheck = byId.path("checks").get(2);
        assertThat(seatCheck.path("outcome").asText()).isEqualTo("OK");
        assertThat(seatCheck.path("evidence").path("state").asText()).isEqualTo("ASSIGNED");
    }

    @ParameterizedTest(name = "q={0}")
    @CsvSource(
            nullValues = "-",
            value = {"CA, cara@example.com", "Dan Ex, dan@example.com", "bob@, bob@example.com", "zz, -"})
    void peopleSearchMatchesTheStartOfNamesAndEmailsIgnoringCase(String q, String expected) {
        List<String> found = new ArrayList<>();
        api.get("admin/v1/people?q=" + q.replace(" ", "%20"))
                .json()
                .path("people")
                .forEach(p -> found.add(p.path("userName").asText()));
        assertThat(found).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void peopleListsEveryoneInUserNameOrderPageByPage() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = api.get("admin/v1/people?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            body.path("people").forEach(p -> all.add(p.path("userName").asText()));
            assertThat(body.path("people").get(0).path("active").asBoolean()).isTrue();
            cursor = body.path("next").textValue();
        } while (cursor != null && all.size() < 10);
        assertThat(all)
                .containsExactly(
                        "ann@example.com", "bob@example.com", "cara@example.com", "dan@example.com", "eve@example.com");
    }

    @Test
    void clusterShowsThisReplicaLiveAndASilentPeerGone() {
        String active = api.seats().policyInForce().contentSha256();
        JdbcClusterStore.of(api.database())
                .heartbeat(new ReplicaState(
                        "r-old-peer",
                        "old-host:8080",
                        AdminApiFixture.NOW.minus(Duration.ofHours(3)),
                        AdminApiFixture.NOW.minus(Duration.ofMinutes(5)),
                        "feed",
                        "beef",
                        List.of("seat-expiry")));
        JsonNode body = api.get("admin/v1/cluster").json();
        assertThat(body.path("self").asText()).isEqualTo(api.replicaId());
        assertThat(body.path("activePolicySha256").asText()).isEqualTo(active);
        List<String> replicas = new ArrayList<>();
        body.path("replicas")
                .forEach(r -> replicas.add(
                        r.path("id").asText() + " " + r.path("state").asText() + " age="
                                + r.path("heartbeatAgeSeconds").asLong() + " differs="
                                + r.path("fileDiffersFromPolicy").asBoolean() + " jobs="
                                + r.path("jobs").size()));
        assertThat(replicas)
                .containsExactlyInAnyOrder(
                        api.replicaId() + " live age=0 differs=false jobs=0",
                        "r-old-peer gone age=300 differs=true jobs=0");
    }

    private static String poolLine(JsonNode pools, String group) {
        for (JsonNode p : pools) {
            if (p.path("group").asText().equals(group)) {
                return group + " " + p.path("tier").asText() + " seats=" + p.path("seats") + " assigned="
                        + p.path("assigned").asInt() + " waitlisted="
                        + p.path("waitlisted").asInt();
            }
        }
        return "no pool " + group;
    }

    private static List<Integer> series(JsonNode counts) {
        List<Integer> out = new ArrayList<>();
        counts.forEach(c -> out.add(c.asInt()));
        return out;
    }
}
