package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A tier as Kiro bills it: its price per user and month and the credits it includes.
 *
 * @param name             the policy's tier name, e.g. {@code PRO_MAX}
 * @param rank             0 for the lowest tier; the billed tier is the highest rank held in the month
 * @param monthlyPriceUsd  list price per user and month
 * @param includedCredits  credits per user and month before overage; empty when the policy does not say
 *                         (then no overage is computed for this tier)
 */
public record BillingTier(String name, int rank, BigDecimal monthlyPriceUsd, Optional<BigDecimal> includedCredits) {
    public BillingTier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(monthlyPriceUsd, "monthlyPriceUsd");
        Objects.requireNonNull(includedCredits, "includedCredits");
    }
}
