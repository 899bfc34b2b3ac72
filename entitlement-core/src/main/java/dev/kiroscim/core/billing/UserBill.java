package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one user costs in one month, and why.
 *
 * @param billedTier      the tier charged: the highest held at any moment of the month
 * @param reason          the explanation, e.g. {@code held POWER 3–10 Nov, PRO from 10 Nov; downgrades apply next month}
 * @param basePriceUsd    the tier's price (prorated only with {@link BillingRules.NewSeatCharge#PRORATED})
 * @param creditsUsed     credits used in the month (0.01 precision), overage included
 * @param includedCredits the billed tier's allowance, if the policy gives one
 * @param overageCredits  credits billed as overage (0 when overage is off)
 * @param overageUsd      overage credits × price per credit
 * @param totalUsd        base + overage
 * @param heldAllMonth    whether the user held a seat at every instant of the month
 * @param tierAtEnd       the tier held at the month's end (or now, for the current month); empty if none
 */
public record UserBill(
        String billedTier,
        String reason,
        BigDecimal basePriceUsd,
        BigDecimal creditsUsed,
        Optional<BigDecimal> includedCredits,
        BigDecimal overageCredits,
        BigDecimal overageUsd,
        BigDecimal totalUsd,
        boolean heldAllMonth,
        Optional<String> tierAtEnd) {}
