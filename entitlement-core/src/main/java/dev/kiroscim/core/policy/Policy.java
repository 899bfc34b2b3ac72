package dev.kiroscim.core.policy;

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
 */
public record Policy(List<Tier> tiers, List<Pool> pools) {
    public Policy {
        tiers = List.copyOf(tiers);
        pools = List.copyOf(pools);
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

    /**
     * The policy in force when no {@code --config} is given: PRO ($20) &lt; PRO_PLUS ($40) &lt; POWER ($200),
     * and the uncapped pools Kiro-Developers → PRO, Kiro-Platform → PRO_PLUS, Kiro-Contractors → PRO.
     */
    public static Policy builtInDefault() {
        return new Policy(
                List.of(new Tier("PRO", "kiro-pro", BigDecimal.valueOf(20), 0),
                        new Tier("PRO_PLUS", "kiro-pro-plus", BigDecimal.valueOf(40), 1),
                        new Tier("POWER", "kiro-power", BigDecimal.valueOf(200), 2)),
                List.of(Pool.unlimited("Kiro-Developers", "PRO"),
                        Pool.unlimited("Kiro-Platform", "PRO_PLUS"),
                        Pool.unlimited("Kiro-Contractors", "PRO")));
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
        return pools.stream().filter(p -> p.matchesGroup(displayNameOrExternalId)).toList();
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
        Comparator<Pool> byRankDesc = Comparator.comparingInt((Pool p) -> rankOf(p)).reversed();
        return pools.stream().sorted(byRankDesc.thenComparingInt(pools::indexOf)).toList();
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
