package dev.kiroscim.server.seats;

import dev.kiroscim.core.seats.ManageSeats;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees seats whose {@code maxGrant} has passed (rule 6: "within a minute of the deadline"). Runs every
 * {@link #INTERVAL}, so a seat is freed at most that long after its deadline. Every replica runs it; the check
 * without the lock is cheap and the allocation lock makes the second replica find nothing left to do.
 */
public final class SeatExpiryJob implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(SeatExpiryJob.class);

    private final ScheduledExecutorService executor;

    private SeatExpiryJob(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static SeatExpiryJob start(ManageSeats seats, Clock clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-seat-expiry");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                int events = seats.expireDue(ManageSeats.system(clock.instant())).size();
                if (events > 0) {
                    LOG.info("seat expiry: {} seat changes", events);
                }
            } catch (RuntimeException e) {
                LOG.warn("seat expiry failed, retrying in {}: {}", INTERVAL, e.toString());
            }
        }, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return new SeatExpiryJob(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
