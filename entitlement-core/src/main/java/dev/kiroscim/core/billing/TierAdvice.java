package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Right-sizing: the cheapest tier for a user's monthly credit use, by the policy's prices, allowances and overage.
 * Example (list prices, overage on): a PRO user using 1,800 credits a month pays $52 and would pay $40 on PRO_PLUS;
 * a POWER user using 1,200 would pay $40 on PRO_PLUS instead of $200. With overage off, only tiers whose allowance
 * covers the use are candidates (a user above the allowance is blocked, not billed).
 */
public final class TierAdvice {

    /** A suggested change and what it saves per month. */
    public record Advice(
            String userId,
            String userName,
            String currentTier,
            BigDecimal monthlyCredits,
            BigDecimal currentCostUsd,
            String recommendedTier,
            BigDecimal recommendedCostUsd,
            BigDecimal monthlySavingUsd,
            String reason) {}

    /** A seat holder and their average monthly credits. */
    public record Holder(String userId, String userName, String tier, BigDecimal monthlyCredits) {}

    private TierAdvice() {}

    /** The advice for each holder whose cheapest tier is not their current one, largest saving first. */
    public static List<Advice> of(KiroBilling billing, List<Holder> holders) {
        BillingRules rules = billing.rules();
        List<Advice> out = new ArrayList<>();
        for (Holder h : holders) {
            if (rules.tier(h.tier()).isEmpty()) {
                continue;
            }
            BigDecimal current = billing.fullMonthCost(h.tier(), h.monthlyCredits());
            Optional<BillingTier> best = rules.lowestFirst().stream()
                    .filter(t -> rules.overage().enabled()
                            || t.includedCredits()
                                    .map(a -> a.compareTo(h.monthlyCredits()) >= 0)
                                    .orElse(false))
                    .min(Comparator.comparing((BillingTier t) -> billing.fullMonthCost(t.name(), h.monthlyCredits()))
                            .thenComparing(t -> !t.name().equals(h.tier())));
            if (best.isEmpty() || best.get().name().equals(h.tier())) {
                continue;
            }
            BigDecimal cost = billing.fullMonthCost(best.get().name(), h.monthlyCredits());
            BigDecimal saving = current.subtract(cost);
            if (saving.signum() <= 0) {
                continue;
            }
            String direction = best.get().rank() > rules.rank(h.tier())
                    ? "uses more than " + h.tier() + "'s allowance"
                    : "uses far less than " + h.tier() + "'s allowance";
            out.add(new Advice(
                    h.userId(),
                    h.userName(),
                    h.tier(),
                    h.monthlyCredits().setScale(2, RoundingMode.HALF_UP),
                    current,
                    best.get().name(),
                    cost,
                    saving,
                    direction + ": " + h.monthlyCredits().setScale(0, RoundingMode.HALF_UP)
                            + " credits a month cost $" + current.toPlainString() + " on " + h.tier() + " and $"
                            + cost.toPlainString()
                            + " on " + best.get().name()));
        }
        out.sort(Comparator.comparing(Advice::monthlySavingUsd).reversed().thenComparing(Advice::userName));
        return out;
    }
}
