package dev.kiroscim.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * How long audit events are kept ({@code audit.retention}), as an ISO-8601 duration whose date part is counted on the
 * UTC calendar and whose time part is exact. The cutoff at {@code now} is {@code now - years - months - days - time}:
 * <pre>
 * P1Y    at 2027-03-01T10:00Z prunes events before 2026-03-01T10:00Z (one calendar year: 365 or 366 days)
 * P1M    at 2026-03-31T10:00Z prunes events before 2026-02-28T10:00Z (the month's last day when it is shorter)
 * P400D  prunes events older than 400 days
 * PT12H  prunes events older than 12 hours
 * </pre>
 * A year is therefore never 372 days (12 × 31), as an earlier reading of {@code P1Y} made it.
 *
 * @param calendar years, months and days, counted on the UTC calendar
 * @param time     hours, minutes and seconds, counted exactly
 */
public record AuditRetention(Period calendar, Duration time) {

    public AuditRetention {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(time, "time");
        if (calendar.isNegative() || time.isNegative() || (calendar.isZero() && time.isZero())) {
            throw new IllegalArgumentException("a retention must be longer than zero");
        }
    }

    /** Exactly {@code time}, e.g. {@code Duration.ofDays(400)}. */
    public static AuditRetention of(Duration time) {
        return new AuditRetention(Period.ZERO, time);
    }

    /**
     * Parses {@code P1Y}, {@code P13M}, {@code P400D}, {@code P1Y6MT12H}, {@code PT12H}…
     *
     * @throws IllegalArgumentException when the text is not an ISO-8601 duration or not longer than zero
     */
    public static AuditRetention parse(String text) {
        String iso = text.trim().toUpperCase(java.util.Locale.ROOT);
        int t = iso.indexOf('T');
        try {
            Period calendar = t == 1 ? Period.ZERO : Period.parse(t < 0 ? iso : iso.substring(0, t));
            Duration time = t < 0 ? Duration.ZERO : Duration.parse("PT" + iso.substring(t + 1));
            return new AuditRetention(calendar, time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "not an ISO-8601 duration like P400D, P1Y or PT12H: '" + text.trim() + "'");
        }
    }

    /** Events before this instant are pruned when pruning runs at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(calendar).minus(time).toInstant();
    }

    @Override
    public String toString() {
        if (calendar.isZero()) {
            return time.toString();
        }
        return time.isZero() ? calendar.toString() : calendar + time.toString().substring(1);
    }
}
