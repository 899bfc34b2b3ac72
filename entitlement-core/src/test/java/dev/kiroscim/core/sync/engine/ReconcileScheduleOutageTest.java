package dev.kiroscim.core.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.directory.StoreUnavailable;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.fake.InMemoryIdentityCenter;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The scheduled reconcile outlives a database outage. A failed run records its failure in the database; when that
 * write fails too (the same outage) it must not escape, or the executor cancels the schedule for good.
 */
class ReconcileScheduleOutageTest {

    /** A database that is down for good; counts the transactions tried from the reconcile thread. */
    private static final class DownDatabase implements Transactions {
        final CountDownLatch reconcileAttempts = new CountDownLatch(5);

        @Override
        public <T> T write(Function<Directory, T> work) {
            return fail();
        }

        @Override
        public <T> T read(Function<Directory, T> work) {
            return fail();
        }

        private <T> T fail() {
            if (Thread.currentThread().getName().equals("idc-sync-reconcile")) {
                reconcileAttempts.countDown();
            }
            throw new StoreUnavailable("database down", null);
        }

        @Override
        public boolean ping() {
            return false;
        }
    }

    @Test
    void reconcileKeepsBeingScheduledWhileTheDatabaseIsDown() throws Exception {
        DownDatabase db = new DownDatabase();
        SyncSettings settings = SyncSettings.defaults().withReconcileInterval(Duration.ofSeconds(1));
        try (IdentityCenterSync sync = new IdentityCenterSync(
                db,
                new InMemoryIdentityCenter(),
                Policy::builtInDefault,
                SeatLookup.of(tx -> null),
                settings,
                Clock.systemUTC())) {
            sync.start();
            // One failed run tries at most two transactions (the reconcile, then recording its failure): five mean
            // the schedule ran again after a run failed completely.
            assertThat(db.reconcileAttempts.await(20, TimeUnit.SECONDS))
                    .as("transactions tried by later reconcile runs")
                    .isTrue();
        }
    }
}
