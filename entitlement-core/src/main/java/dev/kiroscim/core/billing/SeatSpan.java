package dev.kiroscim.core.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One continuous holding of a seat, as rebuilt from the audit log's {@code seat.*} events.
 *
 * @param tier   the tier held
 * @param pool   the pool the seat came from
 * @param since  when it was assigned or promoted into
 * @param until  when it ended (released, expired, reclaimed, or replaced); null while it lasts
 */
public record SeatSpan(String tier, String pool, Instant since, Instant until) {
    public SeatSpan {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(since, "since");
    }

    /** True when [since, until) and [from, to) share an instant. */
    public boolean overlaps(Instant from, Instant to) {
        return since.isBefore(to) && (until == null || (until.isAfter(from) && until.isAfter(since)));
    }
}
