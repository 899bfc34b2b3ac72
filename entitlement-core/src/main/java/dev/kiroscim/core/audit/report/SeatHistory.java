package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seat holdings rebuilt from {@code seat.*} events: a user holds a seat of a tier in a pool from
 * {@code seat.assigned} or {@code seat.promoted} until {@code seat.released}, {@code seat.expired} or
 * {@code seat.waitlisted} for the same pool (or a new assignment in that pool, which replaces the old one).
 * Holdings are keyed by (user, pool): when a user moves up, the new pool's {@code seat.promoted} and the old
 * pool's {@code seat.released} may come in either order.
 */
public final class SeatHistory {

    /**
     * One continuous holding. {@code until} is null while it lasts.
     */
    public record Holding(String userId, String userName, String pool, String tier, Instant since, Instant until) {
        boolean heldAt(Instant t) {
            return !since.isAfter(t) && (until == null || until.isAfter(t));
        }

        /** True when [since, until) and [from, to) share at least one instant. */
        boolean overlaps(Instant from, Instant to) {
            return since.isBefore(to)
                    && (until == null || until.isAfter(from))
                    && (until == null || until.isAfter(since));
        }
    }

    private record Key(String userId, String pool) {}

    private final List<Holding> holdings;

    private SeatHistory(List<Holding> holdings) {
        this.holdings = List.copyOf(holdings);
    }

    /** @param events any audit events; only {@code seat.*} are used, in {@code seq} order */
    public static SeatHistory of(List<AuditEvent> events) {
        List<AuditEvent> ordered = events.stream()
                .sorted(Comparator.comparingLong(AuditEvent::seq))
                .toList();
        Map<Key, Holding> open = new LinkedHashMap<>();
        List<Holding> closed = new ArrayList<>();
        for (AuditEvent e : ordered) {
            if (!e.type().startsWith("seat.")) {
                continue;
            }
            Key key = new Key(e.subject().id(), String.valueOf(e.details().get("pool")));
            Holding current = open.remove(key);
            if (current != null) {
                closed.add(new Holding(
                        current.userId(), current.userName(), current.pool(), current.tier(), current.since(), e.at()));
            }
            if (e.type().equals(AuditEvents.SEAT_ASSIGNED) || e.type().equals(AuditEvents.SEAT_PROMOTED)) {
                open.put(
                        key,
                        new Holding(
                                e.subject().id(),
                                e.subject().name(),
                                key.pool(),
                                String.valueOf(e.details().get("tier")),
                                e.at(),
                                null));
            }
        }
        closed.addAll(open.values());
        return new SeatHistory(closed);
    }

    public List<Holding> holdings() {
        return holdings;
    }

    public List<Holding> heldAt(Instant t) {
        return holdings.stream().filter(h -> h.heldAt(t)).toList();
    }

    public List<Holding> overlapping(Instant from, Instant to) {
        return holdings.stream().filter(h -> h.overlaps(from, to)).toList();
    }

    /** The holdings grouped per user, as the billing rules take them (user name: the latest seen). */
    public List<dev.kiroscim.core.billing.UserSeats> byUser() {
        Map<String, List<dev.kiroscim.core.billing.SeatSpan>> spans = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Holding h : holdings) {
            spans.computeIfAbsent(h.userId(), u -> new ArrayList<>())
                    .add(new dev.kiroscim.core.billing.SeatSpan(h.tier(), h.pool(), h.since(), h.until()));
            names.put(h.userId(), h.userName());
        }
        List<dev.kiroscim.core.billing.UserSeats> users = new ArrayList<>();
        spans.forEach((user, list) -> users.add(new dev.kiroscim.core.billing.UserSeats(user, names.get(user), list)));
        return users;
    }
}
