package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Kiro's billing rules for organisations, in one place (shared/docs/kiro-usage-and-billing.md §2, and the
 * assumptions in docs/usage-and-cost.md):
 * <ol>
 *   <li>Each user is billed once per UTC calendar month, at the <b>highest tier held at any moment</b> of it.</li>
 *   <li><b>Upgrades apply at once</b>: the higher tier is charged in full, the lower one is not charged.</li>
 *   <li><b>Downgrades apply from the next month</b>: the higher tier stays charged this month.</li>
 *   <li>A <b>released or removed user keeps the charge</b> (and, on Kiro's side, the seat) to the month's end, so
 *       a seat freed on the 3rd and given to the next person costs two charges this month.</li>
 *   <li>A seat granted mid-month is charged for the whole month (or prorated, per {@link BillingRules#newSeats()}).</li>
 *   <li><b>Overage</b>, when enabled: credits above the billed tier's allowance × the price per credit; on a
 *       mid-month upgrade, overage already accrued is dropped or kept per {@link BillingRules#onUpgrade()}.</li>
 * </ol>
 * Credits are rounded to 0.01 and dollars to cents, half up.
 */
public final class KiroBilling {

    private static final int CREDIT_SCALE = 2;
    private static final int USD_SCALE = 2;

    private final BillingRules rules;

    public KiroBilling(BillingRules rules) {
        this.rules = rules;
    }

    public BillingRules rules() {
        return rules;
    }

    /**
     * The bill of one user for {@code month}.
     *
     * @param spans the user's seat holdings (any; those outside the month are ignored)
     * @param usage the user's daily credits (any; days outside the month are ignored)
     * @return empty when the user held no seat in the month
     */
    public Optional<UserBill> bill(YearMonth month, List<SeatSpan> spans, List<DailyCredits> usage) {
        Instant from = start(month);
        Instant to = start(month.plusMonths(1));
        List<SeatSpan> held = spans.stream()
                .filter(s -> s.overlaps(from, to))
                .sorted(Comparator.comparing(SeatSpan::since))
                .toList();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        SeatSpan highest = held.stream()
                .max(Comparator.comparingInt((SeatSpan s) -> rules.rank(s.tier()))
                        .thenComparing(SeatSpan::since, Comparator.reverseOrder()))
                .orElseThrow();
        String tier = highest.tier();
        Optional<BillingTier> terms = rules.tier(tier);
        BigDecimal price = terms.map(BillingTier::monthlyPriceUsd).orElse(BigDecimal.ZERO);

        boolean heldAtStart = !held.get(0).since().isAfter(from);
        Optional<String> tierAtEnd = held.stream()
                .filter(s -> s.until() == null || !s.until().isBefore(to))
                .max(Comparator.comparingInt(s -> rules.rank(s.tier())))
                .map(SeatSpan::tier);
        boolean heldAllMonth = heldAtStart && coversWithoutGaps(held, from, to);

        List<String> notes = new ArrayList<>();
        if (terms.isEmpty()) {
            notes.add("tier " + tier + " is no longer in the policy; billed at $0");
        }
        if (held.stream()
                .anyMatch(s ->
                        rules.rank(s.tier()) < rules.rank(tier) && s.since().isBefore(highest.since()))) {
            notes.add("upgrades apply at once, the lower tier is not charged");
        }
        if (held.stream()
                .anyMatch(s ->
                        rules.rank(s.tier()) < rules.rank(tier) && s.since().isAfter(highest.since()))) {
            notes.add("downgrades apply next month");
        }
        if (tierAtEnd.isEmpty()) {
            Instant lastEnd = held.stream()
                    .map(SeatSpan::until)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            notes.add("released on " + day(lastEnd) + "; charged to the month's end");
        }
        BigDecimal base = price;
        if (!heldAtStart) {
            LocalDate granted = LocalDate.ofInstant(held.get(0).since(), ZoneOffset.UTC);
            if (rules.newSeats() == BillingRules.NewSeatCharge.PRORATED) {
                int days = month.lengthOfMonth() - granted.getDayOfMonth() + 1;
                base = price.multiply(BigDecimal.valueOf(days))
                        .divide(BigDecimal.valueOf(month.lengthOfMonth()), USD_SCALE, RoundingMode.HALF_UP);
                notes.add("new seat prorated from " + day(held.get(0).since()) + " (" + days + " of "
                        + month.lengthOfMonth() + " days)");
            } else {
                notes.add("new seats are charged for the whole month");
            }
        }
        base = base.setScale(USD_SCALE, RoundingMode.HALF_UP);

        List<DailyCredits> inMonth = usage.stream()
                .filter(d -> YearMonth.from(d.day()).equals(month))
                .sorted(Comparator.comparing(DailyCredits::day))
                .toList();
        BigDecimal credits = inMonth.stream()
                .map(DailyCredits::credits)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(CREDIT_SCALE, RoundingMode.HALF_UP);
        Optional<BigDecimal> allowance = terms.flatMap(BillingTier::includedCredits);
        BigDecimal overage = BigDecimal.ZERO;
        if (rules.overage().enabled()) {
            if (allowance.isEmpty()) {
                if (credits.signum() > 0) {
                    notes.add("no includedCredits for " + tier + " in the policy: overage not computed");
                }
            } else if (rules.onUpgrade() == BillingRules.UpgradeOverage.KEEP) {
                overage = keptOverage(held, inMonth);
            } else {
                overage = credits.subtract(allowance.get()).max(BigDecimal.ZERO);
            }
        }
        overage = overage.setScale(CREDIT_SCALE, RoundingMode.HALF_UP);
        BigDecimal overageUsd =
                overage.multiply(rules.overage().pricePerCreditUsd()).setScale(USD_SCALE, RoundingMode.HALF_UP);
        if (overage.signum() > 0) {
            notes.add(overage.toPlainString() + " overage credits × $"
                    + rules.overage().pricePerCreditUsd().toPlainString());
        }

        String reason =
                String.join(", ", held.stream().map(s -> describe(s, from, to)).toList())
                        + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return Optional.of(new UserBill(
                tier,
                reason,
                base,
                credits,
                allowance,
                overage,
                overageUsd,
                base.add(overageUsd),
                heldAllMonth,
                tierAtEnd));
    }

    /**
     * What a user who holds {@code tier} all month and uses {@code credits} costs: the base price plus overage
     * (when enabled). The recommendations compare tiers with it.
     */
    public BigDecimal fullMonthCost(String tier, BigDecimal credits) {
        BillingTier terms = rules.tier(tier).orElseThrow(() -> new IllegalArgumentException("unknown tier " + tier));
        BigDecimal overage =
                rules.overage().enabled() && terms.includedCredits().isPresent()
                        ? credits.setScale(CREDIT_SCALE, RoundingMode.HALF_UP)
                                .subtract(terms.includedCredits().get())
                                .max(BigDecimal.ZERO)
                        : BigDecimal.ZERO;
        return terms.monthlyPriceUsd()
                .add(overage.multiply(rules.overage().pricePerCreditUsd()))
                .setScale(USD_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * {@link BillingRules.UpgradeOverage#KEEP}: day by day, credits first use the allowance of the tier in force
     * that day (the highest held so far: upgrades at once, downgrades not this month); what exceeds it is overage
     * and stays overage after a later upgrade.
     */
    private BigDecimal keptOverage(List<SeatSpan> held, List<DailyCredits> days) {
        BigDecimal used = BigDecimal.ZERO;
        BigDecimal overage = BigDecimal.ZERO;
        for (DailyCredits d : days) {
            Instant endOfDay = d.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            String inForce = held.stream()
                    .filter(s -> s.since().isBefore(endOfDay))
                    .max(Comparator.comparingInt(s -> rules.rank(s.tier())))
                    .orElse(held.get(0))
                    .tier();
            BigDecimal allowance =
                    rules.tier(inForce).flatMap(BillingTier::includedCredits).orElse(null);
            if (allowance == null) {
                used = used.add(d.credits());
                continue;
            }
            BigDecimal planUsed = used.subtract(overage);
            BigDecimal fromPlan = d.credits().min(allowance.subtract(planUsed).max(BigDecimal.ZERO));
            overage = overage.add(d.credits().subtract(fromPlan));
            used = used.add(d.credits());
        }
        return overage;
    }

    /** Whether the spans (sorted by start) leave no gap in [from, to). */
    private static boolean coversWithoutGaps(List<SeatSpan> sorted, Instant from, Instant to) {
        Instant coveredTo = from;
        for (SeatSpan s : sorted) {
            if (s.since().isAfter(coveredTo)) {
                return false;
            }
            if (s.until() == null) {
                return true;
            }
            if (s.until().isAfter(coveredTo)) {
                coveredTo = s.until();
            }
        }
        return !coveredTo.isBefore(to);
    }

    private static String describe(SeatSpan s, Instant from, Instant to) {
        boolean fromStart = !s.since().isAfter(from);
        boolean toEnd = s.until() == null || !s.until().isBefore(to);
        if (fromStart && toEnd) {
            return "held " + s.tier() + " all month";
        }
        if (toEnd) {
            return "held " + s.tier() + " from " + day(s.since());
        }
        LocalDate first = LocalDate.ofInstant(fromStart ? from : s.since(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(s.until().minusMillis(1), ZoneOffset.UTC);
        return "held " + s.tier() + " " + (first.equals(last) ? day(first) : first.getDayOfMonth() + "–" + day(last));
    }

    private static String day(Instant instant) {
        return day(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    private static String day(LocalDate date) {
        return date.getDayOfMonth() + " " + date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    /** The first instant of a UTC calendar month (assumption A-9: billing months are UTC). */
    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
