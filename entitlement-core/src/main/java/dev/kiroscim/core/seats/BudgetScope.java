package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Pool;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@code monthlyBudgetUsd} limits: the seats of one pool, or of one tier across all its pools.
 *
 * <p>Example: {@code BudgetScope.pool("Kiro-Platform")} describes itself as {@code Kiro-Platform};
 * {@code BudgetScope.tier("POWER")} as {@code tier POWER}.
 *
 * @param kind what the name names
 * @param name the pool's group as written in the policy, or the tier's name
 */
public record BudgetScope(Kind kind, String name) {

    public enum Kind {
        POOL,
        TIER
    }

    public BudgetScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static BudgetScope pool(String group) {
        return new BudgetScope(Kind.POOL, group);
    }

    public static BudgetScope tier(String tier) {
        return new BudgetScope(Kind.TIER, tier);
    }

    /** How the scope is stored: pools case-insensitively (as {@link Pool#key()}), tiers exactly. */
    public String key() {
        return kind == Kind.POOL ? Pool.keyOf(name) : name;
    }

    /** {@code pool} or {@code tier}, as stored and as the audit event's field name. */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** For people: the pool's group, or {@code tier POWER}. */
    public String describe() {
        return kind == Kind.POOL ? name : "tier " + name;
    }
}
