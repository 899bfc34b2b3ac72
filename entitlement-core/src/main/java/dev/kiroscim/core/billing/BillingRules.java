package dev.kiroscim.core.billing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link KiroBilling} needs to price a month: the tiers (lowest first), overage, and the two choices the
 * Kiro documentation leaves open (see docs/usage-and-cost.md, assumptions ).
 *
 * @param lowestFirst the tiers; list position is the rank
 * @param overage     whether and at what price credits beyond the allowance are billed
 * @param onUpgrade   what happens to overage already accrued when a user moves up mid-month
 * @param newSeats    whether a seat first granted mid-month is charged in full or prorated
 */
public record BillingRules(
        List<BillingTier> lowestFirst, OverageTerms overage, UpgradeOverage onUpgrade, NewSeatCharge newSeats) {

    /** Kiro does not document whether a mid-month upgrade re-rates the month. */
    public enum UpgradeOverage {
        /** The whole month is measured against the highest tier's allowance (as Kiro does for individual plans). */
        RERATE,
        /** Overage accrued on the lower tier before the upgrade stays billed. */
        KEEP
    }

    /** Kiro does not document whether an enterprise seat's first month is prorated. */
    public enum NewSeatCharge {
        /** Charged for the whole month, like an upgrade (the documented enterprise behaviour for plan changes). */
        FULL_MONTH,
        /** Charged for the days from the grant to the month's end. */
        PRORATED
    }

    public BillingRules {
        lowestFirst = List.copyOf(lowestFirst);
        Objects.requireNonNull(overage, "overage");
        Objects.requireNonNull(onUpgrade, "onUpgrade");
        Objects.requireNonNull(newSeats, "newSeats");
        for (int i = 0; i < lowestFirst.size(); i++) {
            if (lowestFirst.get(i).rank() != i) {
                throw new IllegalArgumentException("tier " + lowestFirst.get(i).name() + " must have rank " + i);
            }
        }
    }

    /** Rules with overage off, full-month charges and re-rating: what the seat cost alone follows. */
    public static BillingRules seatsOnly(List<BillingTier> lowestFirst) {
        return new BillingRules(lowestFirst, OverageTerms.DISABLED, UpgradeOverage.RERATE, NewSeatCharge.FULL_MONTH);
    }

    public Optional<BillingTier> tier(String name) {
        return lowestFirst.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Higher is better; -1 for a tier the policy no longer knows (billed at $0, listed so it is visible). */
    public int rank(String name) {
        return tier(name).map(BillingTier::rank).orElse(-1);
    }
}
