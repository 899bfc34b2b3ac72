package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cluster figures of docs/benchmarks.md; minutes long, so it runs only when asked:
 * {@code mvn -B -pl integration-tests -am verify -Dit.test=ClusterBenchmarkTest -Dtest=NONE -Dbench.cluster=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * <ul>
 *   <li>SCIM throughput through HAProxy with 1, 2 and 3 replicas (3 client threads running the Okta-shaped mix of
 *       {@link OktaLoad} without think time, 20 s each);</li>
 *   <li>the rate budget: 3 replicas drain a backlog of 2,000 seat holders (4,000 Identity Store calls) at a budget of
 *       {@value #RATE}/s; the busiest 5 s window the emulator saw, against the configured budget.</li>
 * </ul>
 */
class ClusterBenchmarkTest {

    /** The backlog's budget: high enough to drain 4,000 calls in minutes, low enough for the emulator to keep up. */
    private static final int RATE = 40;

    private static final Map<String, Integer> UNCAPPED = Map.of("Pool-Dev", 100_000, "Pool-Plat", 100_000);

    /** One PATCH adding a batch of members, as Okta pushes group membership. */
    private static void addMembers(OktaLoad client, String groupId, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(values.length() == 0 ? "" : ",")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        client.send(
                "PATCH",
                "/scim/v2/Groups/" + groupId,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + values + "]}]}");
    }

    @Test
    void throughputAndRateBudget() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bench.cluster"), "cluster benchmark: run with -Dbench.cluster=true");
        ExternalComponent.requirePostgres();
        try (Emulator emulator = Emulator.start()) {
            emulator.require();
            for (int replicas = 1; replicas <= 3 && !Boolean.getBoolean("bench.skipThroughput"); replicas++) {
                try (ChaosCluster c = new ChaosCluster(
                        ChaosCluster.freshPostgres(),
                        emulator.endpoint(),
                        "bench-" + replicas,
                        20,
                        UNCAPPED,
                        UNCAPPED)) {
                    c.start(replicas);
                    Map<String, String> groups = c.createPoolGroups(new OktaLoad(c.lb(), c.token, Map.of(), "setup"));
                    OktaLoad load = new OktaLoad(c.lb(), c.token, groups, "b" + replicas);
                    Instant start = Instant.now();
                    load.start(3, Duration.ZERO, replicas);
                    Poll.until(
                            "20 s of load",
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(1),
                            () -> Duration.between(start, Instant.now()),
                            d -> d.toSeconds() >= 20);
                    load.stop();
                    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                    OktaLoad.Figures f = load.figures();
                    System.out.printf(
                            "BENCH cluster throughput, %d replica(s): %.0f acknowledged SCIM writes/s"
                                    + " (%d in %.1f s, %d retried)%n",
                            replicas, f.acknowledged() / seconds, f.acknowledged(), seconds, f.retried());
                    load.close();
                }
            }
            try (ChaosCluster c = new ChaosCluster(
                    ChaosCluster.freshPostgres(), emulator.endpoint(), "bench-rate", RATE, UNCAPPED, UNCAPPED)) {
                c.start(3);
                Map<String, String> groups = c.createPoolGroups(new OktaLoad(c.lb(), c.token, Map.of(), "setup"));
                OktaLoad client = new OktaLoad(c.lb(), c.token, groups, "backlog");
                int threads = 8;
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
                Instant start = Instant.now();
                java.util.List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    tasks.add(pool.submit(() -> {
                        List<String> ids = new java.util.ArrayList<>();
                        for (int i = thread; i < 2000; i += threads) {
                            OktaLoad.Answer a = client.send(
                                    "POST",
                                    "/scim/v2/Users",
                                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                            + "\"userName\":\"backlog-" + i
                                            + "@example.com\",\"name\":{\"givenName\":\"B\",\"familyName\":\"L\"},\"active\":true}");
                            ids.add(a.json().path("id").asText());
                            if (ids.size() == 25) {
                                addMembers(client, groups.get("Pool-Dev"), ids);
                                ids.clear();
                            }
                        }
                        addMembers(client, groups.get("Pool-Dev"), ids);
                    }));
                }
                for (java.util.concurrent.Future<?> f : tasks) {
                    f.get();
                }
                pool.shutdown();
                Duration written = Duration.between(start, Instant.now());
                ClusterChecks.awaitSettled(c, Duration.ofMinutes(10));
                Duration drained = Duration.between(start, Instant.now());
                int calls = c.tap.calls().size();
                int busiest = IdentityStoreTap.maxInWindow(c.tap.calls(), Duration.ofSeconds(5));
                long[] perReplica = new long[3];
                c.tap.calls().forEach(call -> {
                    if (call.replica() >= 0 && call.replica() < 3) {
                        perReplica[call.replica()]++;
                    }
                });
                System.out.printf(
                        "BENCH rate budget: 2000 users written in %d s, drained in %d s; %d Identity Store calls"
                                + " (%.1f/s average), busiest 5 s window %d calls = %.1f/s (budget " + RATE
                                + "/s); calls per replica %d/%d/%d%n",
                        written.toSeconds(),
                        drained.toSeconds(),
                        calls,
                        calls / (drained.toMillis() / 1000.0),
                        busiest,
                        busiest / 5.0,
                        perReplica[0],
                        perReplica[1],
                        perReplica[2]);
                assertThat(busiest).isLessThanOrEqualTo(5 * RATE + 1);
            }
        }
    }
}
