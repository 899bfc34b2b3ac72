package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.policy.Policy;
import java.math.BigDecimal;
import java.util.List;

/**
 * The policy's tiers, lowest first (list order is rank), with their monthly price per user in USD. The seats
 * report takes this as a parameter so that it does not depend on how the policy is loaded; it is always derived from
 * a {@link Policy} ({@link #of}), so prices have one source: after a policy reload the next report uses the new ones.
 */
public record TierPrices(List<Tier> lowestFirst) {

    public record Tier(String name, BigDecimal monthlyPriceUsd) {}

    /** The tiers and prices of {@code policy}, e.g. PRO $20 &lt; PRO_PLUS $40 … for {@link Policy#builtInDefault()}. */
    public static TierPrices of(Policy policy) {
        return new TierPrices(policy.tiers().stream()
                .map(t -> new Tier(t.name(), t.monthlyPriceUsd()))
                .toList());
    }

    public TierPrices {
        lowestFirst = List.copyOf(lowestFirst);
    }

    /** Higher is better; -1 for a tier the policy does not know (e.g. one removed since). */
    public int rank(String tier) {
        for (int i = 0; i < lowestFirst.size(); i++) {
            if (lowestFirst.get(i).name().equals(tier)) {
                return i;
            }
        }
        return -1;
    }

    /** Seat-only billing rules for these tiers (no overage): what the seats report bills. */
    public dev.kiroscim.core.billing.BillingRules billingRules() {
        List<dev.kiroscim.core.billing.BillingTier> tiers = new java.util.ArrayList<>();
        for (int i = 0; i < lowestFirst.size(); i++) {
            tiers.add(new dev.kiroscim.core.billing.BillingTier(
                    lowestFirst.get(i).name(), i, lowestFirst.get(i).monthlyPriceUsd(), java.util.Optional.empty()));
        }
        return dev.kiroscim.core.billing.BillingRules.seatsOnly(tiers);
    }

    /** The monthly price, or zero for an unknown tier. */
    public BigDecimal price(String tier) {
        int rank = rank(tier);
        return rank < 0 ? BigDecimal.ZERO : lowestFirst.get(rank).monthlyPriceUsd();
    }
}
