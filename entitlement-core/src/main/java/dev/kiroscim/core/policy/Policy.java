package dev.kiroscim.core.policy;

import dev.kiroscim.core.billing.BillingRules;
import dev.kiroscim.core.billing.BillingTier;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The entitlement policy: which tiers exist and which IdP groups draw seats of which tier.
 *
 * <p>Instances are validated: every pool names a defined tier, tier names and pool groups are unique
 * (pool groups case-insensitively) and tier ranks equal their list position. Build one with
 * {@link PolicyLoader} or {@link #builtInDefault()}.
 *
 * @param tiers lowest rank first
 * @param pools in file order; that order breaks ties between pools of the same tier
 * @param costs overage and the billing choices ({@code overage:}, {@code billing:})
 */
public record Policy(List<Tier> tiers, List<Pool> pools, CostTerms costs) {
    public Policy {
        tiers = List.copyOf(tiers);
        pools = List.copyOf(pools);
        Objects.requireNonNull(costs, "costs");
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).rank() != i) {
                throw new IllegalArgumentException("tier " + tiers.get(i).name() + " must have rank " + i);
            }
        }
        if (tiers.stream().map(Tier::name).distinct().count() != tiers.size()) {
            throw new IllegalArgumentException("tier names must be unique");
        }
        if (pools.stream().map(Pool::key).distinct().count() != pools.size()) {
            throw new IllegalArgumentException("pool groups must be unique (case-insensitive)");
        }
        for (Pool pool : pools) {
            if (tiers.stream().noneMatch(t -> t.name().equals(pool.tier()))) {
                throw new IllegalArgumentException("pool " + pool.group() + " names unknown tier " + pool.tier());
            }
        }
    }

    /** A policy with the default cost terms (overage off, full-month charges, re-rating on upgrade). */
    public Policy(List<Tier> tiers, List<Pool> pools) {
        this(tiers, pools, CostTerms.DEFAULT);
    }

    /**
     * The policy in force when no {@code --config} is given: Kiro's list prices and allowances (2026-08)
     * PRO ($20, 1,000 credits) &lt; PRO_PLUS ($40, 2,000) &lt; PRO_MAX ($100, 5,000) &lt; POWER ($200, 10,000),
     * and the uncapped pools Kiro-Developers → PRO, Kiro-Platform → PRO_PLUS, Kiro-Contractors → PRO.
     */
    public static Policy builtInDefault() {
        return new Policy(
                List.of(
                        builtInTier("PRO", "kiro-pro", 20, 1000, 0),
                        builtInTier("PRO_PLUS", "kiro-pro-plus", 40, 2000, 1),
                        builtInTier("PRO_MAX", "kiro-pro-max", 100, 5000, 2),
                        builtInTier("POWER", "kiro-power", 200, 10000, 3)),
                List.of(
                        Pool.unlimited("Kiro-Developers", "PRO"),
                        Pool.unlimited("Kiro-Platform", "PRO_PLUS"),
                        Pool.unlimited("Kiro-Contractors", "PRO")));
    }

    private static Tier builtInTier(String name, String group, int price, int credits, int rank) {
        return new Tier(
                name,
                group,
                BigDecimal.valueOf(price),
                rank,
                Optional.of(BigDecimal.valueOf(credits)),
                Optional.empty());
    }

    /** The billing rules this policy implies: its tiers' prices and allowances, overage and billing choices. */
    public BillingRules billingRules() {
        return new BillingRules(
                tiers.stream()
                        .map(t -> new BillingTier(t.name(), t.rank(), t.monthlyPriceUsd(), t.includedCredits()))
                        .toList(),
                costs.overage(),
                costs.upgradeOverage(),
                costs.newSeats());
    }

    /** The tier called exactly {@code name}. */
    public Optional<Tier> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The pool whose group is {@code group}, case-insensitively. */
    public Optional<Pool> pool(String group) {
        return pools.stream().filter(p -> p.matchesGroup(group)).findFirst();
    }

    /** The pools drawing on the SCIM group with this displayName or externalId (case-insensitive). */
    public List<Pool> poolsForGroup(String displayNameOrExternalId) {
        return pools.stream()
                .filter(p -> p.matchesGroup(displayNameOrExternalId))
                .toList();
    }

    /** Rank of the tier a pool grants. */
    public int rankOf(Pool pool) {
        return tier(pool.tier()).orElseThrow().rank();
    }

    /** Rank of a tier by name, or -1 if the tier is not in this policy. */
    public int rankOf(String tierName) {
        return tier(tierName).map(Tier::rank).orElse(-1);
    }

    /** The tier a pool grants. */
    public Tier tierOf(Pool pool) {
        return tier(pool.tier()).orElseThrow();
    }

    /**
     * Pools in the order a user prefers them: highest tier rank first, then file order.
     * The allocator fills pools in this order, so a user who could get a seat in two pools gets the preferred one.
     */
    public List<Pool> poolsByPreference() {
        Comparator<Pool> byRankDesc =
                Comparator.comparingInt((Pool p) -> rankOf(p)).reversed();
        return pools.stream()
                .sorted(byRankDesc.thenComparingInt(pools::indexOf))
                .toList();
    }

    /** Names of the tiers ranked strictly below {@code pool}'s tier: holders of those may move up into it. */
    public Set<String> tiersBelow(Pool pool) {
        int rank = rankOf(pool);
        return tiers.stream().filter(t -> t.rank() < rank).map(Tier::name).collect(Collectors.toUnmodifiableSet());
    }

    /** Shorthand for tests and defaults. */
    public Pool requirePool(String group) {
        return pool(Objects.requireNonNull(group)).orElseThrow(() -> new IllegalArgumentException("no pool " + group));
    }
}
