package dev.kiroscim.core.policy;

import java.math.BigDecimal;
import java.util.Objects;

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
 */
public record Tier(String name, String identityCenterGroup, BigDecimal monthlyPriceUsd, int rank) {
    public Tier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityCenterGroup, "identityCenterGroup");
        Objects.requireNonNull(monthlyPriceUsd, "monthlyPriceUsd");
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be >= 0: " + rank);
        }
    }
}
