package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The policy's {@code overage:} section. Overage is opt-in in the Kiro console and off by default; with it off a
 * user is blocked at the tier's allowance and nothing extra is billed.
 *
 * @param enabled            whether credits beyond the allowance are billed
 * @param pricePerCreditUsd  the price of one overage credit ($0.04 on Kiro's pricing page, 2026-08)
 */
public record OverageTerms(boolean enabled, BigDecimal pricePerCreditUsd) {
    public static final BigDecimal LIST_PRICE_PER_CREDIT = new BigDecimal("0.04");
    public static final OverageTerms DISABLED = new OverageTerms(false, LIST_PRICE_PER_CREDIT);

    public OverageTerms {
        Objects.requireNonNull(pricePerCreditUsd, "pricePerCreditUsd");
        if (pricePerCreditUsd.signum() < 0) {
            throw new IllegalArgumentException("pricePerCreditUsd must not be negative");
        }
    }
}
