package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "How long after the IdP deactivated X was their access gone?" For each user whose first
 * {@code scim.user.deactivated} or {@code scim.user.deleted} in [since, until) is at {@code deactivatedAt}:
 * <ul>
 *   <li>{@code seatReleasedAt}: the first {@code seat.released}/{@code seat.expired} of that user at or after it;</li>
 *   <li>{@code identityCenterRemovedAt}: the first {@code identityCenter.membership.removed}/{@code identityCenter.user.deleted} at or
 *       after it — the moment Kiro access is really gone;</li>
 *   <li>{@code latencySeconds} = identityCenterRemovedAt − deactivatedAt (millisecond precision), null while
 *       Identity Center still has them ({@code pending}) or when they held no seat ({@code hadSeat=false}).</li>
 * </ul>
 * Median and max are over the users with a latency. Example: deactivated 10:00:00, removed 10:00:04.5 →
 * {@code latencySeconds = 4.500}.
 */
public final class OffboardingReport {

    private static final Set<String> OFFBOARDED =
            Set.of(AuditEvents.SCIM_USER_DEACTIVATED, AuditEvents.SCIM_USER_DELETED);
    private static final Set<String> SEAT_GONE =
            Set.of(AuditEvents.SEAT_RELEASED, AuditEvents.SEAT_EXPIRED, AuditEvents.SEAT_RECLAIMED);
    private static final Set<String> IDC_GONE =
            Set.of(AuditEvents.IDC_MEMBERSHIP_REMOVED, AuditEvents.IDC_USER_DELETED);

    public record Row(
            String userId,
            String userName,
            String how,
            Instant deactivatedAt,
            boolean hadSeat,
            Instant seatReleasedAt,
            Instant identityCenterRemovedAt,
            BigDecimal latencySeconds) {
        public boolean pending() {
            return hadSeat && identityCenterRemovedAt == null;
        }
    }

    /** @param medianSeconds null when no row has a latency */
    public record Result(List<Row> users, BigDecimal medianSeconds, BigDecimal maxSeconds, int pending) {}

    private OffboardingReport() {}

    /** @param events {@code scim.user.*}, {@code seat.*} and {@code identityCenter.*} events from the start of the log */
    public static Result of(List<AuditEvent> events, Instant since, Instant until) {
        List<AuditEvent> ordered = events.stream()
                .sorted(Comparator.comparingLong(AuditEvent::seq))
                .toList();
        Map<String, AuditEvent> offboarded = new LinkedHashMap<>();
        for (AuditEvent e : ordered) {
            if (OFFBOARDED.contains(e.type()) && !e.at().isBefore(since) && e.at().isBefore(until)) {
                offboarded.putIfAbsent(e.subject().id(), e);
            }
        }
        SeatHistory seats = SeatHistory.of(ordered);
        List<Row> rows = new ArrayList<>();
        for (AuditEvent off : offboarded.values()) {
            String user = off.subject().id();
            Instant at = off.at();
            boolean hadSeat = seats.holdings().stream()
                            .anyMatch(h -> h.userId().equals(user) && h.heldAt(at.minusMillis(1)))
                    || seats.holdings().stream().anyMatch(h -> h.userId().equals(user) && h.heldAt(at));
            Instant seatGone = firstAfter(ordered, off, SEAT_GONE);
            Instant identityCenterGone = firstAfter(ordered, off, IDC_GONE);
            BigDecimal latency =
                    hadSeat && identityCenterGone != null ? seconds(Duration.between(at, identityCenterGone)) : null;
            rows.add(new Row(
                    user,
                    off.subject().name(),
                    off.type().equals(AuditEvents.SCIM_USER_DELETED) ? "deleted" : "deactivated",
                    at,
                    hadSeat,
                    seatGone,
                    identityCenterGone,
                    latency));
        }
        List<BigDecimal> latencies = rows.stream()
                .map(Row::latencySeconds)
                .filter(l -> l != null)
                .sorted()
                .toList();
        return new Result(
                rows, median(latencies), latencies.isEmpty() ? null : latencies.get(latencies.size() - 1), (int)
                        rows.stream().filter(Row::pending).count());
    }

    private static Instant firstAfter(List<AuditEvent> ordered, AuditEvent from, Set<String> types) {
        return ordered.stream()
                .filter(e -> e.seq() > from.seq()
                        && types.contains(e.type())
                        && from.subject().id().equals(e.subject().id()))
                .map(AuditEvent::at)
                .findFirst()
                .orElse(null);
    }

    static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3);
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static BigDecimal median(List<BigDecimal> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1)
                        .add(sorted.get(n / 2))
                        .divide(BigDecimal.valueOf(2), 3, java.math.RoundingMode.HALF_UP);
    }
}
