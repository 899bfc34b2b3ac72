package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.audit.AuditEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * "Who held which tier at instant T?", rebuilt from the {@code seat.*} events: a holding counts at T when it
 * started at or before T and had not ended at T (an event at exactly T has already happened).
 */
public final class HoldersReport {

    /** One user's seat at the instant asked about. */
    public record Holder(String userId, String userName, String tier, String pool, Instant since) {}

    private HoldersReport() {}

    /** @param tier only this tier, or null for all; results sorted by tier rank (highest first), then userName */
    public static List<Holder> at(List<AuditEvent> events, Instant at, String tier, TierPrices tiers) {
        return SeatHistory.of(events.stream().filter(e -> !e.at().isAfter(at)).toList()).heldAt(at).stream()
                .filter(h -> tier == null || tier.equals(h.tier()))
                .map(h -> new Holder(h.userId(), h.userName(), h.tier(), h.pool(), h.since()))
                .sorted(Comparator.comparingInt((Holder h) -> -tiers.rank(h.tier()))
                        .thenComparing(h -> String.valueOf(h.userName()))
                        .thenComparing(Holder::pool))
                .toList();
    }
}
