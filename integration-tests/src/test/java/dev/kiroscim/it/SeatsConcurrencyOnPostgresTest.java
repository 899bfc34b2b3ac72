package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rule 7 across replicas: two server processes on one PostgreSQL database take many parallel member adds (and then
 * removals) into one capped pool. The cap must hold, both servers must agree, and the holders must be exactly the
 * first members by join time (rules 3 and 8): concurrency must not change who gets a seat.
 *
 * <p>The same for {@code monthlyBudgetUsd}, in an uncapped pool whose budget buys {@value #AFFORDABLE} seats: never
 * overspent, the first members by join time hold the seats, {@code budget.exhausted} is written once, and seats
 * released this month do not free budget (they stay charged to the month's end), whichever replica handles what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatsConcurrencyOnPostgresTest {

    private static final int CAP = 5;
    private static final int USERS = 40;
    private static final int AFFORDABLE = 5;
    private static final int BUDGET_USERS = 30;
    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
            pools:
              - group: Race
                tier: PRO
                seats: %d
              - group: BudgetRace
                tier: PRO
                monthlyBudgetUsd: %d
            """.formatted(CAP, 20 * AFFORDABLE);

    private KiroServer first;
    private KiroServer second;

    @BeforeAll
    void startTwoReplicas() {
        ExternalComponent.requirePostgres();
        first = KiroServer.start(ServerOptions.on(Backend.POSTGRES).withConfigYaml(POLICY));
        // The second process gets the first one's database URL; its own H2 data dir stays unused.
        second = KiroServer.start(ServerOptions.on(Backend.H2)
                .withConfigYaml(POLICY)
                .withArgs(first.databaseArgs().toArray(String[]::new)));
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void parallelAddsAndRemovalsOverTwoServersNeverExceedTheCap() throws Exception {
        ScimClient a = ScimClient.bearer(first);
        ScimClient b = ScimClient.bearer(second);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add((i % 2 == 0 ? a : b).createUser(Bodies.uniqueUserName("race-" + i)));
        }
        String group = a.createGroup("Race");

        ParallelRequests.run(
                users,
                (userId, i) -> (i % 2 == 0 ? a : b)
                        .patch(
                                "/Groups/" + group,
                                Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId
                                        + "\"}]}")));
        assertTheCapHoldsAndTheFirstInLineHoldTheSeats(CAP, USERS - CAP);

        List<String> leaving = new ArrayList<>(users);
        Collections.shuffle(leaving, new Random(7));
        leaving = leaving.subList(0, 15);
        ParallelRequests.run(
                leaving,
                (userId, i) -> (i % 2 == 0 ? b : a)
                        .patch(
                                "/Groups/" + group,
                                Bodies.patch(
                                        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}")));
        assertTheCapHoldsAndTheFirstInLineHoldTheSeats(CAP, USERS - 15 - CAP);
    }

    @Test
    void twoReplicasNeverOverspendTheMonthlyBudget() throws Exception {
        ScimClient a = ScimClient.bearer(first);
        ScimClient b = ScimClient.bearer(second);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < BUDGET_USERS; i++) {
            users.add((i % 2 == 0 ? a : b).createUser(Bodies.uniqueUserName("budget-" + i)));
        }
        String group = a.createGroup("BudgetRace");

        ParallelRequests.run(
                users,
                (userId, i) -> (i % 2 == 0 ? a : b)
                        .patch(
                                "/Groups/" + group,
                                Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId
                                        + "\"}]}")));

        for (KiroServer server : List.of(first, second)) {
            assertThat(new SeatsAdmin(server).use("BudgetRace"))
                    .as("seats seen by %s", server)
                    .isEqualTo(AFFORDABLE + "/" + (BUDGET_USERS - AFFORDABLE));
        }
        List<String> holders;
        try (Connection db = first.connectToDatabase();
                Statement sql = db.createStatement()) {
            holders = ParallelRequests.strings(
                    sql.executeQuery("select user_id from seat where pool_key = 'budgetrace' order by user_id"));
            List<String> firstInLine = ParallelRequests.strings(
                    sql.executeQuery("select m.user_id from scim_membership m join scim_group g on g.id = m.group_id"
                            + " where g.display_name = 'BudgetRace' order by m.added_at, m.user_id limit "
                            + AFFORDABLE));
            assertThat(holders)
                    .as("FIFO by join time, whatever the replica")
                    .containsExactlyInAnyOrderElementsOf(firstInLine);
            assertThat(ParallelRequests.strings(
                            sql.executeQuery("select details from audit_event where event_type = 'budget.exhausted'")))
                    .singleElement()
                    .satisfies(d -> assertThat(d)
                            .contains(
                                    "\"pool\":\"BudgetRace\"", "\"spentUsd\":\"100.00\"", "\"budgetUsd\":\"100.00\""));
        }
        String nextMonth =
                LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).toString();
        String waiting =
                users.stream().filter(u -> !holders.contains(u)).findFirst().orElseThrow();
        String explain = b.get(second.baseUri() + "/admin/v1/users/" + waiting + "/explain")
                .expectStatus(200)
                .body();
        assertThat(explain)
                .contains("budget for BudgetRace exhausted this month (USD 100.00 of 100.00); next month starts on "
                        + nextMonth);

        // Two holders leave, one through each replica: their seats stay charged this month, so nobody moves up.
        ParallelRequests.run(
                holders.subList(0, 2),
                (userId, i) -> (i % 2 == 0 ? b : a)
                        .patch(
                                "/Groups/" + group,
                                Bodies.patch(
                                        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}")));
        for (KiroServer server : List.of(first, second)) {
            assertThat(new SeatsAdmin(server).use("BudgetRace"))
                    .as("after releases, seen by %s", server)
                    .isEqualTo((AFFORDABLE - 2) + "/" + (BUDGET_USERS - AFFORDABLE));
        }
        String metrics = RawHttp.to(first)
                .send("GET", first.baseUri() + "/metrics", null, "Authorization", "Bearer " + first.token())
                .body();
        assertThat(metrics)
                .contains(
                        "kiro_pool_committed_usd{pool=\"BudgetRace\"} 100",
                        "kiro_pool_budget_usd{pool=\"BudgetRace\"} 100");
    }

    private void assertTheCapHoldsAndTheFirstInLineHoldTheSeats(int assigned, int waitlisted) throws Exception {
        for (KiroServer server : List.of(first, second)) {
            assertThat(new SeatsAdmin(server).use("Race"))
                    .as("seats seen by %s", server)
                    .isEqualTo(assigned + "/" + waitlisted);
        }
        try (Connection db = first.connectToDatabase();
                Statement sql = db.createStatement()) {
            List<String> holders = ParallelRequests.strings(
                    sql.executeQuery("select user_id from seat where pool_key = 'race' order by user_id"));
            List<String> firstInLine = ParallelRequests.strings(
                    sql.executeQuery("select m.user_id from scim_membership m join scim_group g on g.id = m.group_id"
                            + " where g.display_name = 'Race' order by m.added_at, m.user_id limit " + assigned));
            assertThat(holders).hasSize(assigned);
            assertThat(holders)
                    .as("FIFO by join time, whatever the request order")
                    .containsExactlyInAnyOrderElementsOf(firstInLine);
        }
    }
}
