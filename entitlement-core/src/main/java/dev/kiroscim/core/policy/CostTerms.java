package dev.kiroscim.core.policy;

import dev.kiroscim.core.billing.BillingRules;
import dev.kiroscim.core.billing.OverageTerms;
import java.util.Objects;

/**
 * The policy's cost settings beside {@code tiers} and {@code pools}:
 * <pre>
 * overage:                  # Kiro console → Settings → Overages (off by default)
 *   enabled: true
 *   pricePerCreditUsd: 0.04
 * billing:                  # choices Kiro does not document (docs/usage-and-cost.md)
 *   newSeats: full-month    # or prorated
 *   upgradeOverage: rerate  # or keep
 * </pre>
 */
public record CostTerms(
        OverageTerms overage, BillingRules.UpgradeOverage upgradeOverage, BillingRules.NewSeatCharge newSeats) {

    public static final CostTerms DEFAULT = new CostTerms(
            OverageTerms.DISABLED, BillingRules.UpgradeOverage.RERATE, BillingRules.NewSeatCharge.FULL_MONTH);

    public CostTerms {
        Objects.requireNonNull(overage, "overage");
        Objects.requireNonNull(upgradeOverage, "upgradeOverage");
        Objects.requireNonNull(newSeats, "newSeats");
    }
}
