package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.cluster.ClusterStore;
import dev.kiroscim.core.cluster.ReplicaState;
import dev.kiroscim.core.sync.state.OutboxItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What replicas coordinate through, on each database: singleton leases (take, renew, expiry take-over with a new
 * fence, release, races), the shared call schedule, the replica registry, and outbox lease fencing (a claim that
 * expired and was taken over can no longer record anything).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ClusterContract extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(10);

    private ClusterStore store;

    @BeforeParameterizedClassInvocation
    void open() {
        store = JdbcClusterStore.of(db);
    }

    private static String job() {
        return "job-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aLeaseHasOneHolderUntilItExpires_thenAnotherTakesItWithAHigherFence() {
        String job = job();
        OptionalLong a = store.acquireLease(job, "a", T0, TTL, false);
        assertThat(a).hasValue(1);
        assertThat(store.acquireLease(job, "b", T0.plusSeconds(5), TTL, false))
                .as("held by a")
                .isEmpty();
        assertThat(store.acquireLease(job, "a", T0.plusSeconds(5), TTL, false))
                .as("a renews, same fence")
                .hasValue(1);
        assertThat(store.acquireLease(job, "b", T0.plusSeconds(14), TTL, false))
                .as("renewed until 15 s")
                .isEmpty();
        assertThat(store.acquireLease(job, "b", T0.plusSeconds(16), TTL, false))
                .as("expired: b takes it")
                .hasValue(2);
        assertThat(store.acquireLease(job, "a", T0.plusSeconds(17), TTL, false))
                .as("a resumes: lost")
                .isEmpty();
    }

    @Test
    void releasedLeasesAreTakenAtOnce_andForceTakesAnUnexpiredOne() {
        String job = job();
        store.acquireLease(job, "a", T0, TTL, false);
        store.releaseLeases("a");
        assertThat(store.acquireLease(job, "b", T0.plusSeconds(1), TTL, false)).hasValue(2);
        assertThat(store.acquireLease(job, "c", T0.plusSeconds(2), TTL, true))
                .as("force (single-process database)")
                .hasValue(3);
        assertThat(store.acquireLease(job, "b", T0.plusSeconds(3), TTL, false)).isEmpty();
    }

    @Test
    void replicasRacingForANewLease_exactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String job = job();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<OptionalLong>> results = new ArrayList<>();
                for (String holder : List.of("a", "b", "c")) {
                    results.add(pool.submit(() -> store.acquireLease(job, holder, T0, TTL, false)));
                }
                int winners = 0;
                for (Future<OptionalLong> f : results) {
                    winners += f.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void callSlotsFromConcurrentReplicasNeverOverlap() throws Exception {
        String schedule = job();
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        long first = store.reserveCalls(schedule, 2, T0.toEpochMilli(), 100.0);
                        slots.add(first);
                        slots.add(first + 100);
                    }
                }));
            }
            for (Future<?> f : tasks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(120);
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).as("slot %d", i).isEqualTo(T0.toEpochMilli() + 100L * i);
        }
        assertThat(store.reserveCalls(schedule, 1, T0.plusSeconds(60).toEpochMilli(), 100.0))
                .as("an idle schedule starts at now, no credit for idle time")
                .isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void theRegistryKeepsOneRowPerReplica_refreshedByHeartbeats() {
        String id = "r-" + UUID.randomUUID();
        store.heartbeat(new ReplicaState(id, "host-a:8080", T0, T0, "abc", "abc", List.of()));
        store.heartbeat(new ReplicaState(
                id, "host-a:8080", T0, T0.plusSeconds(2), "def", "abc", List.of("idc-reconcile", "seat-expiry")));
        List<ReplicaState> mine =
                store.replicas().stream().filter(r -> r.replicaId().equals(id)).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).heartbeatAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(mine.get(0).policySha256()).isEqualTo("def");
        assertThat(mine.get(0).jobs()).containsExactly("idc-reconcile", "seat-expiry");
        assertThat(mine.get(0).goneAt(T0.plusSeconds(61))).isFalse();
        assertThat(mine.get(0).goneAt(T0.plusSeconds(63))).isTrue();
        store.deregister(id);
        assertThat(store.replicas()).noneMatch(r -> r.replicaId().equals(id));
    }

    @Test
    void aStalledWorkersClaimIsTakenOver_andItCanNoLongerRenewOrRecord() {
        String user = "u-" + UUID.randomUUID();
        db.write(tx -> {
            tx.outbox().enqueueUser(user, "scim.user.created", Instant.now());
            return null;
        });
        Instant now = Instant.now();
        OutboxItem first = claimOf(user, now, Duration.ofSeconds(5), "w1");
        assertThat(claim(now.plusSeconds(1), Duration.ofSeconds(5), "w2"))
                .as("leased: not claimable")
                .noneMatch(i -> i.userId().equals(user));
        assertThat(renew(first.id(), "w1", first.claimVersion(), now.plusSeconds(6)))
                .as("w1 renews while it holds the claim")
                .isTrue();

        OutboxItem second = claimOf(user, now.plusSeconds(7), Duration.ofSeconds(5), "w2");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.claimVersion()).isEqualTo(first.claimVersion() + 1);
        assertThat(renew(first.id(), "w1", first.claimVersion(), now.plusSeconds(20)))
                .as("w1 resumes after its lease expired and w2 claimed: fenced off")
                .isFalse();
        assertThat(renew(second.id(), "w2", second.claimVersion(), now.plusSeconds(20)))
                .isTrue();
        db.write(tx -> {
            tx.outbox().complete(List.of(second.id()));
            return null;
        });
        assertThat(renew(second.id(), "w2", second.claimVersion(), now.plusSeconds(20)))
                .as("completed: nothing to renew")
                .isFalse();
    }

    @Test
    void anExpiredClaimNobodyTookIsStillTheWorkers() {
        String user = "u-" + UUID.randomUUID();
        db.write(tx -> {
            tx.outbox().enqueueUser(user, "scim.user.created", Instant.now());
            return null;
        });
        Instant now = Instant.now();
        OutboxItem item = claimOf(user, now, Duration.ofSeconds(1), "w1");
        assertThat(renew(item.id(), "w1", item.claimVersion(), now.plusSeconds(30)))
                .as("the version, not the clock, decides")
                .isTrue();
        db.write(tx -> {
            tx.outbox().complete(List.of(item.id()));
            return null;
        });
    }

    private boolean renew(long id, String worker, long version, Instant until) {
        Boolean renewed = db.write(tx -> tx.outbox().renewClaim(id, worker, version, until));
        return renewed;
    }

    private List<OutboxItem> claim(Instant now, Duration lease, String worker) {
        List<OutboxItem> items = db.write(tx -> tx.outbox().claim(100, now, lease, worker));
        return items;
    }

    private OutboxItem claimOf(String user, Instant now, Duration lease, String worker) {
        // claims in id order: other tests' leftovers are claimed too, and simply stay leased
        for (int round = 0; round < 100; round++) {
            List<OutboxItem> items = db.write(tx -> tx.outbox().claim(100, now, lease, worker));
            for (OutboxItem i : items) {
                if (i.userId().equals(user)) {
                    return i;
                }
            }
            if (items.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no claimable item for " + user);
    }
}
