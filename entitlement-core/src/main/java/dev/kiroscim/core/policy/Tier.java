package dev.kiroscim.core.policy;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kiro subscription tier, as declared under {@code tiers:} in the policy file.
 *
 * <p>Tiers are listed lowest first; the position in that list is the {@code rank}, so in
 * <pre>
 * tiers:
 *   - name: PRO        # rank 0
 *   - name: POWER      # rank 1
 * </pre>
 * POWER outranks PRO and wins when a user could hold either (allocation rule 2).
 *
 * @param name                 the tier name pools refer to, e.g. {@code PRO_PLUS}; compared exactly
 * @param identityCenterGroup  the IAM Identity Center group subscribed to this tier in the Kiro console
 * @param monthlyPriceUsd      list price per seat and month, used for the cost report
 * @param rank                 0 for the lowest tier; higher wins
 * @param includedCredits      credits per user and month before overage (e.g. 1000 for PRO); empty if not given
 * @param monthlyBudgetUsd     the most this tier may cost in a month, by the invoice rules; empty for no budget
 */
public record Tier(
        String name,
        String identityCenterGroup,
        BigDecimal monthlyPriceUsd,
        int rank,
        Optional<BigDecimal> includedCredits,
        Optional<BigDecimal> monthlyBudgetUsd) {
    public Tier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityCenterGroup, "identityCenterGroup");
        Objects.requireNonNull(monthlyPriceUsd, "monthlyPriceUsd");
        Objects.requireNonNull(includedCredits, "includedCredits");
        Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd");
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0: " + rank);
        }
    }

    /** A tier without allowance or budget. */
    public Tier(String name, String identityCenterGroup, BigDecimal monthlyPriceUsd, int rank) {
        this(name, identityCenterGroup, monthlyPriceUsd, rank, Optional.empty(), Optional.empty());
    }
}
