package dev.kiroscim.server.seats;

import dev.kiroscim.core.cluster.SingletonScheduler;
import dev.kiroscim.core.seats.service.ManageSeats;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month boundary of {@code monthlyBudgetUsd}: every {@link #INTERVAL}, as the cluster singleton job {@value #NAME},
 * checks whether a new UTC month has begun and, the first time, opens it and gives the users waiting in budgeted pools
 * their seats in queue order ({@link ManageSeats#openMonth}). Any other allocation step of the new month does the same,
 * so a quiet cluster is served within the interval (or the lease take-over time) after midnight UTC on the 1st, and a
 * busy one at its next step. The check is one read while the month is already open.
 */
public final class BudgetMonthJob {

    public static final String NAME = "budget-month";
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(BudgetMonthJob.class);

    private BudgetMonthJob() {}

    public static void schedule(SingletonScheduler jobs, ManageSeats seats, Clock clock) {
        jobs.schedule(NAME, INTERVAL, () -> {
            int events = seats.openMonth(ManageSeats.system(clock.instant())).size();
            if (events > 0) {
                LOG.info("new billing month: {} seat changes for waiting users", events);
            }
        });
    }
}
