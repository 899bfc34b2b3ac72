package dev.kiroscim.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the report says about one seat holder's Kiro use, told apart from what it cannot say.
 *
 * @param verdict      {@link Verdict}
 * @param lastActivity the last day with a report row for the user (any client), if any
 * @param lastClient   a client used on that day
 * @param daysIdle     days without activity up to {@code dataThrough} (from the last activity, or from the grant /
 *                     the first report day); empty unless the report covers the user
 * @param message      the finding in words, e.g. {@code last Kiro activity: 2026-11-28 (KIRO_IDE)}
 */
public record SeatActivity(
        String userId,
        String userName,
        String pool,
        String tier,
        Instant assignedAt,
        Verdict verdict,
        Optional<LocalDate> lastActivity,
        String lastClient,
        Optional<Long> daysIdle,
        String message) {

    public enum Verdict {
        /** Activity within the window. */
        ACTIVE,
        /** No activity in the report for at least the window's days. */
        IDLE,
        /** Idle by the numbers, but the seat was granted within the pool's reclaim grace. */
        IN_GRACE,
        /** No report data: the report is not configured or nothing was imported, or it ends before the grant. */
        NO_REPORT_DATA,
        /** The user has no Identity Center link, so the report cannot name them. */
        NOT_MAPPED
    }

    /** Whether the report actually covers this user (never treat missing data as idleness). */
    public boolean hasData() {
        return verdict != Verdict.NO_REPORT_DATA && verdict != Verdict.NOT_MAPPED;
    }
}
