package dev.kiroscim.server.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daily usage work (import, then idle-seat reclaim) once a day at {@code usage.importAt} UTC. Only the
 * scheduling lives here, so a cluster can wrap {@link #runOnce} in its one-replica-at-a-time lease. Until then
 * every replica runs it; that is safe, only wasteful: an import skips files already imported, and the reclaim runs
 * under the seat allocation lock.
 */
public final class UsageImportJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsageImportJob.class);

    private final ScheduledExecutorService scheduler;
    private final Runnable work;
    private final LocalTime at;
    private final Clock clock;

    private UsageImportJob(Runnable work, LocalTime at, Clock clock) {
        this.work = work;
        this.at = at;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-usage-import");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules {@code work} daily at {@code at} UTC. */
    public static UsageImportJob start(Runnable work, LocalTime at, Clock clock) {
        UsageImportJob job = new UsageImportJob(work, at, clock);
        job.scheduleNext();
        return job;
    }

    /** The next run after {@code now}: today at {@code at} UTC if still ahead, else tomorrow. */
    static Instant nextRun(Instant now, LocalTime at) {
        ZonedDateTime today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(at).atZone(ZoneOffset.UTC);
        return today.toInstant().isAfter(now) ? today.toInstant() : today.plusDays(1).toInstant();
    }

    /** One run, now; failures are logged and retried at the next daily run. */
    public void runOnce() {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("daily usage import failed (next run tomorrow at {} UTC, or POST /admin/v1/usage/import): {}", at, e.toString());
        }
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        long delay = Duration.between(now, nextRun(now, at)).toMillis();
        scheduler.schedule(() -> {
            runOnce();
            scheduleNext();
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
