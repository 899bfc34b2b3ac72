package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
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
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeatsConcurrencyOnPostgresTest {

    private static final int CAP = 5;
    private static final int USERS = 40;
    private static final String POLICY = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
            pools:
              - group: Race
                tier: PRO
                seats: %d
            """.formatted(CAP);

    private KiroServer first;
    private KiroServer second;

    @BeforeAll
    void startTwoReplicas() {
        ExternalComponent.requirePostgres();
        first = KiroServer.start(ServerOptions.on(Backend.POSTGRES).withConfigYaml(POLICY));
        // The second process gets the first one's database URL; its own H2 data dir stays unused.
        second = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(POLICY)
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

        ParallelRequests.run(users, (userId, i) -> (i % 2 == 0 ? a : b).patch("/Groups/" + group, Bodies.patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}")));
        assertTheCapHoldsAndTheFirstInLineHoldTheSeats(CAP, USERS - CAP);

        List<String> leaving = new ArrayList<>(users);
        Collections.shuffle(leaving, new Random(7));
        leaving = leaving.subList(0, 15);
        ParallelRequests.run(leaving, (userId, i) -> (i % 2 == 0 ? b : a).patch("/Groups/" + group, Bodies.patch(
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}")));
        assertTheCapHoldsAndTheFirstInLineHoldTheSeats(CAP, USERS - 15 - CAP);
    }

    private void assertTheCapHoldsAndTheFirstInLineHoldTheSeats(int assigned, int waitlisted) throws Exception {
        for (KiroServer server : List.of(first, second)) {
            assertThat(new SeatsAdmin(server).use("Race")).as("seats seen by %s", server).isEqualTo(assigned + "/" + waitlisted);
        }
        try (Connection db = first.connectToDatabase(); Statement sql = db.createStatement()) {
            List<String> holders = ParallelRequests.strings(sql.executeQuery("select user_id from seat where pool_key = 'race' order by user_id"));
            List<String> firstInLine = ParallelRequests.strings(sql.executeQuery("select m.user_id from scim_membership m join scim_group g on g.id = m.group_id"
                    + " where g.display_name = 'Race' order by m.added_at, m.user_id limit " + assigned));
            assertThat(holders).hasSize(assigned);
            assertThat(holders).as("FIFO by join time, whatever the request order").containsExactlyInAnyOrderElementsOf(firstInLine);
        }
    }
}
