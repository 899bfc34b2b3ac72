package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.billing.Invoicing;
import dev.kiroscim.core.billing.KiroBilling;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seat-days and cost per tier for one calendar month (UTC), rebuilt from {@code seat.*} events.
 * <ul>
 *   <li>{@code seatDays}: the number of (user, UTC day) pairs in which the user held a seat of the tier at any
 *       moment of that day. A user who moved from PRO to POWER on the 10th counts that day for both.</li>
 *   <li>Billing follows Kiro's rules as {@link KiroBilling} applies them (the invoice uses the same): each user is
 *       billed once for the month, at the highest-ranked tier they held at any moment of it. {@code billedUsers}
 *       counts them per tier, {@code costUsd} is their seat charges (no overage: see the invoice for that).</li>
 * </ul>
 * Example: Alice holds PRO from Oct 1 00:00 to Oct 11 00:00 (10 seat-days) and POWER from Oct 20 12:00 to the end
 * of October (12 seat-days): she is billed once, at POWER.
 */
public final class SeatsReport {

    public record TierLine(
            String tier, long seatDays, int billedUsers, BigDecimal monthlyPriceUsd, BigDecimal costUsd) {}

    public record Result(YearMonth month, List<TierLine> tiers, int billedUsers, BigDecimal totalCostUsd) {}

    private SeatsReport() {}

    public static Result of(List<AuditEvent> events, YearMonth month, TierPrices prices) {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SeatHistory history =
                SeatHistory.of(events.stream().filter(e -> e.at().isBefore(to)).toList());
        List<SeatHistory.Holding> held = history.overlapping(from, to);

        Map<String, Set<String>> userDaysByTier = new HashMap<>();
        for (SeatHistory.Holding h : held) {
            Instant start = h.since().isBefore(from) ? from : h.since();
            Instant end = h.until() == null || h.until().isAfter(to) ? to : h.until();
            LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
            LocalDate last = LocalDate.ofInstant(end.minusMillis(1), ZoneOffset.UTC);
            Set<String> days = userDaysByTier.computeIfAbsent(h.tier(), t -> new HashSet<>());
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.add(h.userId() + "|" + d);
            }
        }
        Invoice invoice = Invoicing.of(new KiroBilling(prices.billingRules()), month, to, history.byUser(), Map.of());
        Map<String, Invoice.TierTotal> billedByTier = new HashMap<>();
        invoice.tiers().forEach(t -> billedByTier.put(t.tier(), t));

        List<String> tierNames = new ArrayList<>();
        prices.lowestFirst().forEach(t -> tierNames.add(t.name()));
        userDaysByTier.keySet().stream()
                .filter(t -> prices.rank(t) < 0)
                .sorted()
                .forEach(tierNames::add);
        List<TierLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String tier : tierNames) {
            Invoice.TierTotal billed = billedByTier.get(tier);
            int users = billed == null ? 0 : billed.users();
            BigDecimal cost = billed == null ? BigDecimal.ZERO : billed.baseUsd();
            total = total.add(cost);
            lines.add(new TierLine(
                    tier, userDaysByTier.getOrDefault(tier, Set.of()).size(), users, prices.price(tier), cost));
        }
        return new Result(month, lines, invoice.lines().size(), total);
    }
}
