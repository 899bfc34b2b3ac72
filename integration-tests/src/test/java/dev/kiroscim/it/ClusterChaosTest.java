package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Chaos on a real cluster: 3 replicas of the jar on one fresh PostgreSQL database, behind HAProxy, syncing to the
 * moto Identity Store emulator, under an Okta-shaped load with client retries. The scenarios run in order on the
 * same cluster (starting three JVMs is the slow part), each ending with the same checks ({@link ClusterChecks}) once
 * the load stops and the cluster settles; the checks cover everything written since the cluster started, so a later
 * scenario also re-proves the earlier ones' data. Figures go to the test log, prefixed {@code CHAOS}, for
 * docs/benchmarks.md.
 *
 * <p>Scenario 2 (restart PostgreSQL mid-load) runs the same harness on a private PostgreSQL cluster
 * ({@link ChaosCluster.ClusterDatabase}); it is not part of this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChaosTest {

    private Emulator emulator;
    private ChaosCluster cluster;
    private OktaLoad load;
    private IdentityStoreView store;
    private final AtomicInteger reloads = new AtomicInteger();
    private final List<OktaLoad.UserModel> allUsers = new ArrayList<>();
    private Map<String, String> groups;
    private ScheduledExecutorService chaos;

    @BeforeAll
    void startCluster() throws Exception {
        ExternalComponent.requirePostgres();
        dev.kiroscim.core.testsupport.ExternalComponent.require(
                "haproxy", HaproxyFrontend.installed(), "apt-get install haproxy (.ci/run installs it)");
        emulator = Emulator.start();
        emulator.require();
        cluster = new ChaosCluster(ChaosCluster.freshPostgres(), emulator.endpoint(), "chaos");
        cluster.start(3);
        store = IdentityStoreView.of(emulator.endpoint(), cluster.storeId);
        groups = cluster.createPoolGroups(new OktaLoad(cluster.lb(), cluster.token, Map.of(), "setup"));
    }

    @AfterAll
    void stopCluster() {
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @AfterEach
    void stopLoad() {
        if (chaos != null) {
            chaos.shutdownNow();
        }
        if (load != null) {
            allUsers.addAll(load.users());
            load.close();
            load = null;
        }
    }

    private Map<String, String> startLoad(long seed) {
        cluster.reviveAll();
        load = new OktaLoad(cluster.lb(), cluster.token, groups, "s" + seed);
        load.start(3, Duration.ofMillis(250), seed);
        chaos = Executors.newScheduledThreadPool(2);
        // a policy reload every 7 s through the load balancer: the caps flip between two versions
        chaos.scheduleWithFixedDelay(this::reloadPolicy, 7, 7, TimeUnit.SECONDS);
        return groups;
    }

    private void reloadPolicy() {
        try {
            cluster.togglePolicyFile();
            OktaLoad.Answer a = load.send("POST", "/admin/v1/policy/reload", null);
            if (a.status() == 200) {
                reloads.incrementAndGet();
            }
        } catch (Exception e) {
            System.out.println("CHAOS policy reload failed: " + e);
        }
    }

    private void stopLoadAndSettle(String scenario, Map<String, String> groups, Instant chaosStart) throws Exception {
        chaos.shutdownNow();
        chaos.awaitTermination(30, TimeUnit.SECONDS);
        cluster.reviveAll();
        load.stop();
        allUsers.addAll(load.users());
        OktaLoad.Figures f = load.figures();
        Map<String, AtomicInteger> statuses = load.statuses();
        load = null;
        Instant settleFrom = Instant.now();
        ClusterChecks.awaitSettled(cluster, Duration.ofSeconds(150));
        Duration settle = Duration.between(settleFrom, Instant.now());
        List<OktaLoad.UserModel> users = List.copyOf(allUsers);
        int lost = ClusterChecks.acknowledgedWritesAreDurable(cluster, users, groups);
        Map<String, Integer> peak = ClusterChecks.capsNeverExceeded(cluster);
        JsonNode active = cluster.admin("/admin/v1/cluster");
        Map<String, Integer> caps =
                cluster.capsBySha.getOrDefault(active.path("activePolicySha256").asText(), ChaosCluster.CAPS_A);
        ClusterChecks.firstComeFirstServed(cluster, caps);
        ClusterChecks.identityStoreMatchesThePlan(cluster, store, users);
        ClusterChecks.outboxEmptyAndAuditVerifies(cluster);
        int busiest = ClusterChecks.withinCallBudget(cluster);
        assertThat(f.gaveUp()).as("requests that never got an answer in 90 s").isZero();
        System.out.printf(
                "CHAOS %s: %d s of chaos; requests sent %d, acknowledged %d, retried %d, lost %d, gave up %d;"
                        + " users %d; policy reloads %d; settle %d s; peak seats %s; Identity Store calls %d, busiest 5 s"
                        + " window %d (budget %d); statuses %s%n",
                scenario,
                Duration.between(chaosStart, settleFrom).toSeconds(),
                f.sent(),
                f.acknowledged(),
                f.retried(),
                lost,
                f.gaveUp(),
                users.size(),
                reloads.get(),
                settle.toSeconds(),
                peak,
                cluster.tap.calls().size(),
                busiest,
                5 * ChaosCluster.RATE,
                statuses);
    }

    @Test
    @Order(1)
    void scenario1_killNineARandomReplicaEveryFewSeconds() throws Exception {
        Map<String, String> groups = startLoad(1);
        Instant start = Instant.now();
        // first, the singleton take-over time: kill the holder of the jobs and time until a peer holds them
        Duration takeOver = killJobHolderAndTimeTakeOver();
        System.out.println("CHAOS singleton take-over after kill -9 of the holder: " + takeOver.toMillis() + " ms");
        assertThat(takeOver).isLessThanOrEqualTo(Duration.ofSeconds(30));
        cluster.reviveAll();
        Random random = new Random(11);
        AtomicInteger kills = new AtomicInteger();
        chaos.scheduleWithFixedDelay(
                () -> {
                    try {
                        ClusterReplica victim = cluster.replicas.get(random.nextInt(cluster.replicas.size()));
                        if (victim.running()) {
                            victim.kill9();
                            kills.incrementAndGet();
                        }
                        victim.start(); // restart at once; it rejoins when ready
                    } catch (RuntimeException e) {
                        System.out.println(
                                "CHAOS kill round failed: " + e); // a thrown exception would end the schedule
                    }
                },
                3,
                6,
                TimeUnit.SECONDS);
        Instant killing = Instant.now();
        Poll.until(
                "60 s of kill -9 chaos",
                Duration.ofSeconds(90),
                Duration.ofSeconds(1),
                () -> Duration.between(killing, Instant.now()),
                d -> d.toSeconds() >= 60);
        System.out.println("CHAOS scenario 1: " + kills.get() + " kill -9");
        stopLoadAndSettle("scenario 1 (kill -9 of a random replica every 6 s, restarted at once)", groups, start);
    }

    private Duration killJobHolderAndTimeTakeOver() {
        JsonNode before = cluster.admin("/admin/v1/cluster");
        String holder = null;
        for (JsonNode r : before.path("replicas")) {
            for (JsonNode job : r.path("jobs")) {
                if ("seat-expiry".equals(job.asText())
                        && "live".equals(r.path("state").asText())) {
                    holder = r.path("host").asText();
                }
            }
        }
        assertThat(holder).as("a replica holds seat-expiry: " + before).isNotNull();
        String port = holder.substring(holder.lastIndexOf(':') + 1);
        ClusterReplica victim = cluster.replicas.stream()
                .filter(r -> Integer.toString(r.port()).equals(port))
                .findFirst()
                .orElseThrow();
        Instant killed = Instant.now();
        victim.kill9();
        String gone = holder;
        Poll.until(
                "another replica holds seat-expiry",
                Duration.ofSeconds(40),
                Duration.ofMillis(200),
                () -> cluster.admin("/admin/v1/cluster"),
                c -> {
                    for (JsonNode r : c.path("replicas")) {
                        if (!r.path("host").asText().equals(gone)
                                && "live".equals(r.path("state").asText())) {
                            for (JsonNode job : r.path("jobs")) {
                                if ("seat-expiry".equals(job.asText())) {
                                    return true;
                                }
                            }
                        }
                    }
                    return false;
                });
        return Duration.between(killed, Instant.now());
    }

    @Test
    @Order(3)
    void scenario3_sigstopAReplicaHoldingClaimsPastTheLease() throws Exception {
        Map<String, String> groups = startLoad(3);
        Instant start = Instant.now();
        for (int round = 0; round < 1; round++) {
            // a replica that just called the Identity Store is mid-convergence: it holds claims
            int calls = cluster.tap.calls().size();
            IdentityStoreTap.Call recent = Poll.until(
                    "a replica calling the Identity Store",
                    Duration.ofSeconds(60),
                    Duration.ofMillis(50),
                    () -> {
                        List<IdentityStoreTap.Call> all = cluster.tap.calls();
                        return all.size() > calls ? all.get(all.size() - 1) : null;
                    },
                    c -> c != null && c.replica() >= 0);
            ClusterReplica frozen = cluster.replicas.get(recent.replica());
            frozen.sigstop();
            Instant stoppedAt = Instant.now();
            Duration freeze = ChaosCluster.CLAIM_LEASE.multipliedBy(3);
            int othersBefore = callsFromOthers(frozen.index());
            Poll.until(
                    "frozen for 3 leases",
                    freeze.plusSeconds(30),
                    Duration.ofMillis(500),
                    () -> Duration.between(stoppedAt, Instant.now()),
                    d -> d.compareTo(freeze) >= 0);
            int othersDuring = callsFromOthers(frozen.index()) - othersBefore;
            frozen.sigcont();
            System.out.println("CHAOS scenario 3 round " + round + ": replica " + frozen.index() + " frozen "
                    + freeze.toSeconds() + " s; the others made " + othersDuring + " Identity Store calls meanwhile");
            assertThat(othersDuring)
                    .as("the work went on without the frozen replica")
                    .isPositive();
            Poll.until(
                    "load continues",
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1),
                    () -> Duration.between(stoppedAt, Instant.now()),
                    d -> d.toSeconds() >= freeze.toSeconds() + 5);
        }
        stopLoadAndSettle("scenario 3 (SIGSTOP for 3 claim leases)", groups, start);
    }

    private int callsFromOthers(int replica) {
        return (int)
                cluster.tap.calls().stream().filter(c -> c.replica() != replica).count();
    }

    @Test
    @Order(4)
    void scenario4_killNineRightAfterAnIdentityStoreCallTookEffect() throws Exception {
        Map<String, String> groups = startLoad(4);
        Instant start = Instant.now();
        List<String> crashes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Set<String> ops = IdentityStoreTap.WRITES; // whichever write comes next (seats churn with the reloads)
            AtomicInteger killed = new AtomicInteger(-1);
            cluster.tap.killAfterNext(ops, replica -> {
                if (replica >= 0) {
                    cluster.replicas.get(replica).kill9();
                    killed.set(replica);
                }
            });
            Poll.until(
                    "a replica killed right after " + ops,
                    Duration.ofSeconds(60),
                    Duration.ofMillis(100),
                    killed::get,
                    r -> r >= 0);
            crashes.add("replica " + killed.get() + " after " + ops);
            cluster.reviveAll();
        }
        System.out.println("CHAOS scenario 4 crashes: " + crashes);
        stopLoadAndSettle("scenario 4 (kill -9 after send, before record, twice)", groups, start);
    }
}
