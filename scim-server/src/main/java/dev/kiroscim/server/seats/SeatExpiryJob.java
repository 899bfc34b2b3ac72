package dev.kiroscim.server.seats;

import dev.kiroscim.core.cluster.SingletonScheduler;
import dev.kiroscim.core.seats.service.ManageSeats;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees seats whose {@code maxGrant} has passed (rule 6: "within a minute of the deadline"). Runs every
 * {@link #INTERVAL} as the cluster singleton job {@value #NAME}, so a seat is freed at most that long after its
 * deadline while a replica holds the job, and within the lease take-over time (12 s) after its holder dies. The
 * allocation lock makes a second run (a stalled holder resuming) find nothing left to do.
 */
public final class SeatExpiryJob {

    public static final String NAME = "seat-expiry";
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(SeatExpiryJob.class);

    private SeatExpiryJob() {}

    public static void schedule(SingletonScheduler jobs, ManageSeats seats, Clock clock) {
        jobs.schedule(NAME, INTERVAL, () -> {
            int events = seats.expireDue(ManageSeats.system(clock.instant())).size();
            if (events > 0) {
                LOG.info("seat expiry: {} seat changes", events);
            }
        });
    }
}
