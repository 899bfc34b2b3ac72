package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an {@link Invoice} from seat holdings and usage with {@link KiroBilling}; pure, no I/O. */
public final class Invoicing {

    private Invoicing() {}

    /**
     * @param now   the current instant; a month that has not ended yet is invoiced as of now, with a forecast
     * @param usage daily credits by our user id (missing: no usage known)
     */
    public static Invoice of(
            KiroBilling billing,
            YearMonth month,
            Instant now,
            List<UserSeats> seats,
            Map<String, List<DailyCredits>> usage) {
        Instant end = KiroBilling.start(month.plusMonths(1));
        boolean complete = !now.isBefore(end);
        Instant asOf = complete ? end : now;
        List<Invoice.Line> lines = new ArrayList<>();
        for (UserSeats user : seats) {
            billing.bill(month, user.spans(), usage.getOrDefault(user.userId(), List.of()))
                    .ifPresent(bill -> lines.add(new Invoice.Line(user.userId(), user.userName(), bill)));
        }
        lines.sort(Comparator.comparing((Invoice.Line l) -> String.valueOf(l.userName()))
                .thenComparing(Invoice.Line::userId));
        BigDecimal total = sum(lines.stream().map(l -> l.bill().totalUsd()).toList());
        int holders = 0;
        BigDecimal naive = BigDecimal.ZERO;
        for (Invoice.Line l : lines) {
            Optional<String> tier = l.bill().tierAtEnd();
            if (tier.isPresent()) {
                holders++;
                naive = naive.add(billing.rules()
                        .tier(tier.get())
                        .map(BillingTier::monthlyPriceUsd)
                        .orElse(BigDecimal.ZERO));
            }
        }
        Optional<Invoice.Forecast> forecast = Optional.empty();
        if (!complete && !now.isBefore(KiroBilling.start(month))) {
            forecast = Optional.of(forecast(billing, month, now, seats, usage, total));
        }
        return new Invoice(
                month,
                asOf,
                complete,
                List.copyOf(lines),
                tierTotals(billing.rules(), lines),
                total,
                holders,
                naive.setScale(2, RoundingMode.HALF_UP),
                forecast);
    }

    /**
     * Seats already held are charged in full, so only overage can still grow: each user's credits so far are
     * extrapolated linearly over the days elapsed (whole days before today; at least one).
     */
    private static Invoice.Forecast forecast(
            KiroBilling billing,
            YearMonth month,
            Instant now,
            List<UserSeats> seats,
            Map<String, List<DailyCredits>> usage,
            BigDecimal soFar) {
        int elapsed = Math.max(1, LocalDate.ofInstant(now, ZoneOffset.UTC).getDayOfMonth() - 1);
        BigDecimal factor =
                BigDecimal.valueOf(month.lengthOfMonth()).divide(BigDecimal.valueOf(elapsed), 6, RoundingMode.HALF_UP);
        BigDecimal projected = BigDecimal.ZERO;
        for (UserSeats user : seats) {
            List<DailyCredits> days = usage.getOrDefault(user.userId(), List.of()).stream()
                    .filter(d -> YearMonth.from(d.day()).equals(month))
                    .toList();
            BigDecimal soFarCredits = days.stream().map(DailyCredits::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<DailyCredits> extrapolated = new ArrayList<>(days);
            extrapolated.add(new DailyCredits(
                    month.atEndOfMonth(), soFarCredits.multiply(factor).subtract(soFarCredits)));
            projected = projected.add(billing.bill(month, user.spans(), extrapolated)
                    .map(UserBill::totalUsd)
                    .orElse(BigDecimal.ZERO));
        }
        return new Invoice.Forecast(soFar, projected, elapsed);
    }

    private static List<Invoice.TierTotal> tierTotals(BillingRules rules, List<Invoice.Line> lines) {
        Map<String, List<UserBill>> byTier = new LinkedHashMap<>();
        rules.lowestFirst().forEach(t -> byTier.put(t.name(), new ArrayList<>()));
        lines.stream()
                .map(Invoice.Line::bill)
                .sorted(Comparator.comparing(UserBill::billedTier))
                .forEach(b -> byTier.computeIfAbsent(b.billedTier(), t -> new ArrayList<>())
                        .add(b));
        List<Invoice.TierTotal> totals = new ArrayList<>();
        byTier.forEach((tier, bills) -> totals.add(new Invoice.TierTotal(
                tier,
                bills.size(),
                sum(bills.stream().map(UserBill::basePriceUsd).toList()),
                sum(bills.stream().map(UserBill::overageCredits).toList()),
                sum(bills.stream().map(UserBill::overageUsd).toList()),
                sum(bills.stream().map(UserBill::totalUsd).toList()))));
        return List.copyOf(totals);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }
}
