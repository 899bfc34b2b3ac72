package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: "the embedded default loses acknowledged writes on a crash". The real jar on a fresh H2 data dir, four
 * clients creating users and one adding them to groups, {@code kill -9} after a few seconds under that load, a
 * restart on the same data dir, and then every acknowledged (2xx) user and membership must be there with its audit
 * event, and {@code audit verify} must pass. Several rounds on the same data dir, so later rounds also recover from
 * a file that was itself written by a killed process.
 *
 * <p>The kill comes once the load has had {@code -Dkiro.crash.ackedBeforeKill=N} (default 300) users acknowledged in
 * the round, a few seconds on the project's 2-core machine: a condition rather than a timer, so a slow machine still
 * kills under load. {@code -Dkiro.crash.rounds=N} changes the rounds (default 3).
 */
class CrashDurabilityTest {

    private static final int ROUNDS = Integer.getInteger("kiro.crash.rounds", 3);
    private static final int ACKED_BEFORE_KILL = Integer.getInteger("kiro.crash.ackedBeforeKill", 300);
    private static final int USER_CLIENTS = 4;

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9OnH2() throws Exception {
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2))) {
            List<WriteLoad.AckedUser> users = new ArrayList<>();
            List<WriteLoad.AckedMembership> memberships = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                ScimClient scim = ScimClient.bearer(server);
                List<String> groups = List.of(
                        scim.createGroup("crash-" + round + "-a-" + Bodies.unique()),
                        scim.createGroup("crash-" + round + "-b-" + Bodies.unique()));
                RawHttp target = RawHttp.to(server);
                WriteLoad load = WriteLoad.start(() -> target, server.token(), USER_CLIENTS, groups, 20);
                long loadStart = System.nanoTime();
                Poll.until(
                        "round " + round + ": " + ACKED_BEFORE_KILL + " users acknowledged",
                        Duration.ofSeconds(60),
                        Duration.ofMillis(20),
                        () -> load.acknowledgedUsers().size(),
                        n -> n >= ACKED_BEFORE_KILL);

                int status = server.kill(); // SIGKILL while the clients are mid-request
                load.stop();
                users.addAll(load.acknowledgedUsers());
                memberships.addAll(load.acknowledgedMemberships());
                System.out.printf(
                        "crash round %d: killed (exit %d) after %d ms of load; %s%n",
                        round, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart), load);
                assertThat(load.acknowledgedUsers())
                        .as("the load wrote something before the kill")
                        .isNotEmpty();

                server.startAgain();
                AcknowledgedWrites.assertAllPresent(server, users, memberships);
            }
            server.stop();
            AcknowledgedWrites.assertAuditVerifies(server.databaseArgs());
            System.out.printf(
                    "crash test: %d rounds, %d users and %d memberships acknowledged, none lost%n",
                    ROUNDS, users.size(), memberships.size());
        }
    }
}
