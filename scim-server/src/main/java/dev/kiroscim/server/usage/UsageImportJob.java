package dev.kiroscim.server.usage;

import dev.kiroscim.core.cluster.SingletonScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daily usage work (import, then idle-seat reclaim) once a day at {@code usage.importAt} UTC, as the cluster
 * singleton job {@value #NAME}: only the replica holding that lease runs it. The lease holder checks every
 * {@link #CHECK_EVERY} whether today's run is due; a replica that takes the lease over mid-day runs it once more,
 * which is harmless (an import skips files already imported, and the reclaim runs under the seat allocation lock).
 */
public final class UsageImportJob {

    public static final String NAME = "usage-import";
    public static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(UsageImportJob.class);

    private UsageImportJob() {}

    /** Schedules {@code work} daily at {@code at} UTC on the replica that holds the {@value #NAME} lease. */
    public static void schedule(SingletonScheduler jobs, Runnable work, LocalTime at, Clock clock) {
        // The first due time is the next one from start-up: a replica started after 03:00 waits for tomorrow
        // (POST /admin/v1/usage/import runs an import at once).
        AtomicReference<Instant> due = new AtomicReference<>(nextRun(clock.instant(), at));
        jobs.schedule(NAME, CHECK_EVERY, () -> {
            Instant now = clock.instant();
            if (now.isBefore(due.get())) {
                return;
            }
            due.set(nextRun(now, at));
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn(
                        "daily usage import failed (next run {} UTC, or POST /admin/v1/usage/import): {}",
                        due.get(),
                        e.toString());
            }
        });
    }

    /** The next run after {@code now}: today at {@code at} UTC if still ahead, else tomorrow. */
    static Instant nextRun(Instant now, LocalTime at) {
        ZonedDateTime today =
                now.atZone(ZoneOffset.UTC).toLocalDate().atTime(at).atZone(ZoneOffset.UTC);
        return today.toInstant().isAfter(now)
                ? today.toInstant()
                : today.plusDays(1).toInstant();
    }
}
