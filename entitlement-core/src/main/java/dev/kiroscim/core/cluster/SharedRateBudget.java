package dev.kiroscim.core.cluster;

import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The cluster's Identity Store budget ({@code identityCenter.maxRequestsPerSecond}), shared through the database as
 * one schedule of call slots spaced {@code 1000 / rate} ms apart (GCRA, "virtual scheduling"): whichever replica
 * asks takes the next free slots, so all replicas together never send faster than the rate, and an idle replica
 * leaves its share to the busy ones.
 *
 * <p>To keep database round trips low a replica reserves a few slots at a time ({@link #batchFor}: a fifth of a
 * second's worth, at least one), i.e. at 10 calls/s a busy cluster makes 5 small transactions a second. A slot
 * is used at its instant or up to one interval later; a slot missed by more than that is dropped, never used late,
 * so unused slots cannot pile up into a burst. Slots reserved by a replica that then dies are simply lost.
 *
 * <p>Example at 10/s with three busy replicas: A reserves 10:00:00.000 and .100, B .200 and .300, C .400 and .500;
 * each sleeps until its slot. The emulator sees one call every 100 ms.
 */
public final class SharedRateBudget implements IdentityCenterRateLimit {

    /** Sleeps; replaced in tests. */
    public interface Sleeper {
        void sleepMillis(long millis) throws InterruptedException;
    }

    private final ClusterStore store;
    private final String schedule;
    private final double intervalMillis;
    private final int batch;
    private final LongSupplier clockMillis;
    private final Sleeper sleeper;
    private final Deque<Long> slots = new ArrayDeque<>();

    public SharedRateBudget(ClusterStore store, String schedule, double ratePerSecond) {
        this(store, schedule, ratePerSecond, System::currentTimeMillis, TimeUnit.MILLISECONDS::sleep);
    }

    public SharedRateBudget(
            ClusterStore store, String schedule, double ratePerSecond, LongSupplier clockMillis, Sleeper sleeper) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be a positive number: " + ratePerSecond);
        }
        this.store = store;
        this.schedule = schedule;
        this.intervalMillis = 1000.0 / ratePerSecond;
        this.batch = batchFor(ratePerSecond);
        this.clockMillis = clockMillis;
        this.sleeper = sleeper;
    }

    /** Slots reserved per database round trip: 200 ms worth of calls, at least one. */
    static int batchFor(double ratePerSecond) {
        return Math.max(1, (int) Math.floor(ratePerSecond / 5));
    }

    @Override
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            long now = clockMillis.getAsLong();
            while (!slots.isEmpty() && slots.peekFirst() + intervalMillis <= now) {
                slots.pollFirst(); // missed: dropped, never used late
            }
            if (slots.isEmpty()) {
                long first = store.reserveCalls(schedule, batch, now, intervalMillis);
                for (int i = 0; i < batch; i++) {
                    slots.addLast(first + (long) Math.ceil(i * intervalMillis));
                }
                continue;
            }
            long slot = slots.peekFirst();
            if (slot <= now) {
                slots.pollFirst();
                return;
            }
            sleeper.sleepMillis(slot - now);
        }
    }
}
