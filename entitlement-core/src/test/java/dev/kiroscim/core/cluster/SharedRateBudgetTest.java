package dev.kiroscim.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared call schedule, on a fake clock that only moves when a caller sleeps. */
class SharedRateBudgetTest {

    private long now = 1_000_000;

    private SharedRateBudget budget(InMemoryClusterStore store, double rate) {
        return new SharedRateBudget(store, "identity-store", rate, () -> now, ms -> now += ms);
    }

    @ParameterizedTest(name = "{0}/s: {1} slots per round trip")
    @CsvSource({"1, 1", "4, 1", "10, 2", "20, 4", "50, 10"})
    void batchIsAFifthOfASecondOfCalls(double rate, int batch) {
        assertThat(SharedRateBudget.batchFor(rate)).isEqualTo(batch);
    }

    @Test
    void threeReplicasTogetherCallAtTheClusterRate() throws InterruptedException {
        InMemoryClusterStore store = new InMemoryClusterStore();
        List<SharedRateBudget> replicas = List.of(budget(store, 10), budget(store, 10), budget(store, 10));
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            replicas.get((i / 2) % 3).acquire(); // each converges a user (2 calls), then the next replica's turn
            calls.add(now);
        }
        for (int i = 0; i + 50 < calls.size(); i++) {
            assertThat(calls.get(i + 50) - calls.get(i))
                    .as("51 calls span at least 5 s")
                    .isGreaterThanOrEqualTo(5000);
        }
        assertThat(store.reservations).as("one round trip per 2 calls at 10/s").isLessThanOrEqualTo(90 / 2 + 3);
    }

    @Test
    void anIdleReplicaGetsNoBurstFromMissedSlots() throws InterruptedException {
        InMemoryClusterStore store = new InMemoryClusterStore();
        SharedRateBudget b = budget(store, 10);
        b.acquire(); // reserves 2 slots, uses the first
        now += 60_000; // idle for a minute: the second slot is long missed
        long before = now;
        b.acquire();
        b.acquire();
        b.acquire();
        assertThat(now - before)
                .as("three calls after idling take two intervals, not zero")
                .isGreaterThanOrEqualTo(200);
    }
}
