package dev.kiroscim.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Singleton leases as two nodes see them, heartbeat by heartbeat, on a clock the test moves. */
class ClusterNodeTest {

    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

    private ClusterNode node(String id) {
        ClusterNode n = new ClusterNode(store, id, id + ":8080", () -> "sha", () -> "sha", clock, false);
        n.schedule("job", Duration.ofHours(1), () -> {});
        return n;
    }

    @Test
    void oneHolder_aStalledHolderStopsAtItsLeaseEnd_andThePeerTakesOver() {
        ClusterNode a = node("a");
        ClusterNode b = node("b");
        try {
            a.beat();
            b.beat();
            assertThat(a.holds("job")).isTrue();
            assertThat(b.holds("job")).isFalse();

            clock.advance(ClusterNode.LEASE_TTL.plusMillis(1)); // a is frozen: no renewal
            assertThat(a.holds("job"))
                    .as("by its own clock a knows its lease ran out")
                    .isFalse();
            b.beat();
            assertThat(b.holds("job")).isTrue();
            assertThat(b.heldJobs()).containsExactly("job");

            a.beat(); // a resumes
            assertThat(a.holds("job")).isFalse();
            assertThat(store.replicas()).extracting(ReplicaState::replicaId).containsExactly("a", "b");
        } finally {
            a.close();
            b.close();
        }
        assertThat(store.replicas()).as("a graceful stop leaves the registry").isEmpty();
    }

    @Test
    void aGracefulStopHandsTheJobOverAtThePeersNextHeartbeat() {
        ClusterNode a = node("a");
        ClusterNode b = node("b");
        try {
            a.beat();
            b.beat();
            a.close();
            b.beat();
            assertThat(b.holds("job")).isTrue();
        } finally {
            b.close();
        }
    }

    @Test
    void exclusiveTakesTheLeaseOfACrashedPredecessorAtOnce() {
        ClusterNode dead = node("dead");
        dead.beat(); // holds the lease, then "kill -9": never closed
        ClusterNode h2 = new ClusterNode(store, "next", "next:8080", () -> "", () -> "", clock, true);
        AtomicInteger runs = new AtomicInteger();
        h2.schedule("job", Duration.ofHours(1), runs::incrementAndGet);
        try {
            h2.beat();
            assertThat(h2.holds("job")).isTrue();
        } finally {
            h2.close();
        }
    }
}
