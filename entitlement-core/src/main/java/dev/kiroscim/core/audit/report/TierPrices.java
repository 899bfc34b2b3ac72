package dev.kiroscim.core.audit.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * The policy's tiers, lowest first (list order is rank), with their monthly price per user in USD. The seats
 * report takes this as a parameter so that it does not depend on how the policy is loaded.
 */
public record TierPrices(List<Tier> lowestFirst) {

    public record Tier(String name, BigDecimal monthlyPriceUsd) {
    }

    /** Kiro's list prices for PRO, PRO_PLUS, PRO_MAX and POWER, the built-in policy's tiers. */
    public static final TierPrices DEFAULT = new TierPrices(List.of(
            new Tier("PRO", new BigDecimal("20")), new Tier("PRO_PLUS", new BigDecimal("40")), new Tier("PRO_MAX", new BigDecimal("100")),
            new Tier("POWER", new BigDecimal("200"))));

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
            tiers.add(new dev.kiroscim.core.billing.BillingTier(lowestFirst.get(i).name(), i, lowestFirst.get(i).monthlyPriceUsd(),
                    java.util.Optional.empty()));
        }
        return dev.kiroscim.core.billing.BillingRules.seatsOnly(tiers);
    }

    /** The monthly price, or zero for an unknown tier. */
    public BigDecimal price(String tier) {
        int rank = rank(tier);
        return rank < 0 ? BigDecimal.ZERO : lowestFirst.get(rank).monthlyPriceUsd();
    }
}
