package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "PostgreSQL outages": two replicas of the real jar on a private PostgreSQL 15 cluster, under an IdP-shaped
 * write load. PostgreSQL stops (fast shutdown) for {@code -Dkiro.outage.seconds} (default 30). During the outage
 * every replica answers writes 503 with a SCIM error body and {@code Retry-After} (never 500), and {@code /readyz}
 * answers 503. PostgreSQL starts again, and both replicas serve writes again by themselves: same processes, no
 * restart. Afterwards every acknowledged (2xx) write is there with its audit event, nothing is half there, the
 * audit chain verifies, and the background job that drains the outbox is still running.
 *
 * <p>The machine's shared PostgreSQL at 5432 is never touched: {@link PrivatePostgres} runs its own cluster.
 */
class PostgresOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("kiro.outage.seconds", 30));
    private static final Duration PROBE = Duration.ofMillis(100);

    @Test
    void replicasAnswer503DuringAnOutageAndRecoverWithoutARestart() {
        try (PrivatePostgres pg = PrivatePostgres.create()) {
            pg.createDatabase("kiro_outage");
            String url = pg.jdbcUrl("kiro_outage");
            ServerOptions options = ServerOptions.on(Backend.H2).withArgs("--db-url", url, "--db-user", pg.user());
            List<KiroServer> replicas = startTogether(options, 2);
            try (KiroServer a = replicas.get(0);
                    KiroServer b = replicas.get(1)) {
                long pidA = a.pid();
                long pidB = b.pid();
                String group = ScimClient.bearer(a).createGroup("outage-" + Bodies.unique());
                List<WriteLoad> loads = List.of(
                        WriteLoad.start(() -> RawHttp.to(a), a.token(), 2, List.of(group), PROBE.toMillis()),
                        WriteLoad.start(() -> RawHttp.to(b), b.token(), 2, List.of(), PROBE.toMillis()));
                for (WriteLoad load : loads) {
                    Poll.until(
                            "writes acknowledged before the outage",
                            Duration.ofSeconds(60),
                            PROBE,
                            () -> load.acknowledgedUsers().size(),
                            n -> n >= 10);
                }

                pg.stop();
                long outageStart = System.nanoTime();
                for (KiroServer server : List.of(a, b)) {
                    Poll.until(
                            server + " /readyz 503 once PostgreSQL is down",
                            Duration.ofSeconds(30),
                            PROBE,
                            () -> readyz(server),
                            status -> status == 503);
                }
                for (WriteLoad load : loads) {
                    Poll.until(
                            "a 503 to a write during the outage",
                            Duration.ofSeconds(30),
                            PROBE,
                            () -> load.count(503),
                            n -> n > 0);
                    assertIsScimUnavailable(load.firstResponseWithStatus(503));
                }
                watchOutage(List.of(a, b), outageStart);
                List<Integer> acknowledgedAtRestart =
                        loads.stream().map(l -> l.acknowledgedUsers().size()).toList();

                pg.start();
                long restarted = System.nanoTime();
                List<String> recovery = new ArrayList<>();
                for (KiroServer server : List.of(a, b)) {
                    Poll.until(
                            server + " /readyz 200 after PostgreSQL is back",
                            Duration.ofSeconds(60),
                            PROBE,
                            () -> readyz(server),
                            status -> status == 200);
                    recovery.add("readyz 200 after " + millisSince(restarted) + " ms");
                }
                for (int i = 0; i < loads.size(); i++) {
                    WriteLoad load = loads.get(i);
                    int before = acknowledgedAtRestart.get(i);
                    Poll.until(
                            "a write acknowledged again",
                            Duration.ofSeconds(60),
                            Duration.ofMillis(20),
                            () -> load.acknowledgedUsers().size(),
                            n -> n > before);
                    recovery.add(
                            "replica " + (i + 1) + " first write acknowledged after " + millisSince(restarted) + " ms");
                }
                for (WriteLoad load : loads) {
                    int before = load.acknowledgedUsers().size();
                    Poll.until(
                            "writes keep being acknowledged",
                            Duration.ofSeconds(60),
                            PROBE,
                            () -> load.acknowledgedUsers().size(),
                            n -> n >= before + 10);
                }
                loads.forEach(WriteLoad::stop);

                System.out.printf("PostgreSQL outage of %d s: %s; loads %s%n", OUTAGE.toSeconds(), recovery, loads);
                assertThat(a.pid()).as("replica a was not restarted").isEqualTo(pidA);
                assertThat(b.pid()).as("replica b was not restarted").isEqualTo(pidB);
                for (WriteLoad load : loads) {
                    assertThat(load.count(500))
                            .as("no 500 during or after the outage: " + load)
                            .isZero();
                    assertThat(load.outcomes().keySet())
                            .as("only 2xx and 503 answers: " + load)
                            .containsAnyOf(201)
                            .allMatch(status -> status == 200 || status == 201 || status == 503);
                }
                List<WriteLoad.AckedUser> users = new ArrayList<>();
                List<WriteLoad.AckedMembership> memberships = new ArrayList<>();
                loads.forEach(l -> {
                    users.addAll(l.acknowledgedUsers());
                    memberships.addAll(l.acknowledgedMemberships());
                });
                AcknowledgedWrites.assertAllPresent(a, users, memberships);
                AcknowledgedWrites.assertAuditVerifies(List.of("--db-url", url, "--db-user", pg.user()));
                // Plan-only mode: a background job drains the outbox every poll interval; it must have survived.
                for (KiroServer server : List.of(a, b)) {
                    Poll.until(
                            server + " outbox drained by the background job after the outage",
                            Duration.ofSeconds(30),
                            PROBE,
                            () -> ScimClient.bearer(server)
                                    .get(server.baseUri() + "/admin/v1/sync")
                                    .expectStatus(200)
                                    .json()
                                    .path("pending")
                                    .asLong(),
                            pending -> pending == 0);
                }
            }
        }
    }

    /** Starts the replicas at once (a start takes 15-30 s on a loaded 2-core machine); none is left running on failure. */
    private static List<KiroServer> startTogether(ServerOptions options, int count) {
        List<CompletableFuture<KiroServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> KiroServer.start(options)));
        }
        try {
            return starting.stream().map(CompletableFuture::join).toList();
        } catch (RuntimeException e) {
            starting.forEach(f -> f.thenAccept(KiroServer::close));
            throw e;
        }
    }

    /** Until the outage has lasted {@link #OUTAGE}: every probe finds {@code /readyz} 503 on every replica. */
    private static void watchOutage(List<KiroServer> servers, long outageStart) {
        while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
            for (KiroServer server : servers) {
                assertThat(readyz(server))
                        .as(server + " /readyz during the outage")
                        .isEqualTo(503);
            }
            CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                    .join();
        }
    }

    private static void assertIsScimUnavailable(ScimResponse r) {
        assertThat(r).as("a 503 was seen").isNotNull();
        assertThat(r.header("Retry-After"))
                .as("Retry-After on " + r.describe())
                .isNotNull()
                .matches("[1-9][0-9]*");
        assertThat(r.header("Content-Type")).startsWith("application/scim+json");
        assertThat(r.json().path("schemas").get(0).asText()).isEqualTo(ScimResponse.ERROR_URN);
        assertThat(r.json().path("status").asText()).isEqualTo("503");
        assertThat(r.json().path("detail").asText()).contains("retry");
    }

    private static int readyz(KiroServer server) {
        return RawHttp.to(server)
                .send("GET", server.baseUri() + "/readyz", null)
                .status();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
