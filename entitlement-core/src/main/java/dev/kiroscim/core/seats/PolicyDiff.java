package dev.kiroscim.core.seats;

import dev.kiroscim.core.audit.AttributeChanges;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What changed between two policies, for the {@code changes} of a {@code policy.loaded} audit event, e.g.
 * <pre>
 * {"pools.Kiro-Platform.seats": {"before": 20, "after": 30},
 *  "pools.Kiro-Interns":        {"before": null, "after": "PRO, 5 seats"}}
 * </pre>
 * Pools are named by their group, compared case-insensitively; tiers by name. An unchanged policy gives {@code {}}.
 */
public final class PolicyDiff {

    private PolicyDiff() {}

    public static Map<String, Object> between(Policy before, Policy after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        TreeSet<String> tierNames = new TreeSet<>();
        before.tiers().forEach(t -> tierNames.add(t.name()));
        after.tiers().forEach(t -> tierNames.add(t.name()));
        for (String name : tierNames) {
            Optional<Tier> b = before.tier(name);
            Optional<Tier> a = after.tier(name);
            if (b.isEmpty() || a.isEmpty()) {
                changes.put(
                        "tiers." + name,
                        AttributeChanges.change(
                                b.map(PolicyDiff::describe).orElse(null),
                                a.map(PolicyDiff::describe).orElse(null)));
                continue;
            }
            put(changes, "tiers." + name + ".rank", b.get().rank(), a.get().rank());
            put(
                    changes,
                    "tiers." + name + ".identityCenterGroup",
                    b.get().identityCenterGroup(),
                    a.get().identityCenterGroup());
            put(
                    changes,
                    "tiers." + name + ".monthlyPriceUsd",
                    b.get().monthlyPriceUsd().toPlainString(),
                    a.get().monthlyPriceUsd().toPlainString());
            put(
                    changes,
                    "tiers." + name + ".includedCredits",
                    amount(b.get().includedCredits()),
                    amount(a.get().includedCredits()));
            put(
                    changes,
                    "tiers." + name + ".monthlyBudgetUsd",
                    amount(b.get().monthlyBudgetUsd()),
                    amount(a.get().monthlyBudgetUsd()));
        }
        TreeSet<String> poolKeys = new TreeSet<>();
        before.pools().forEach(p -> poolKeys.add(p.key()));
        after.pools().forEach(p -> poolKeys.add(p.key()));
        for (String key : poolKeys) {
            Optional<Pool> b = before.pool(key);
            Optional<Pool> a = after.pool(key);
            String name = a.or(() -> b).map(Pool::group).orElse(key);
            if (b.isEmpty() || a.isEmpty()) {
                changes.put(
                        "pools." + name,
                        AttributeChanges.change(
                                b.map(PolicyDiff::describe).orElse(null),
                                a.map(PolicyDiff::describe).orElse(null)));
                continue;
            }
            put(changes, "pools." + name + ".tier", b.get().tier(), a.get().tier());
            put(changes, "pools." + name + ".seats", seats(b.get()), seats(a.get()));
            put(changes, "pools." + name + ".maxGrant", maxGrant(b.get()), maxGrant(a.get()));
            put(
                    changes,
                    "pools." + name + ".reclaim",
                    b.get().reclaim().map(Object::toString).orElse(null),
                    a.get().reclaim().map(Object::toString).orElse(null));
            put(
                    changes,
                    "pools." + name + ".monthlyBudgetUsd",
                    amount(b.get().monthlyBudgetUsd()),
                    amount(a.get().monthlyBudgetUsd()));
        }
        put(changes, "costs", before.costs().toString(), after.costs().toString());
        return changes;
    }

    private static void put(Map<String, Object> changes, String key, Object before, Object after) {
        if (before == null ? after != null : !before.equals(after)) {
            changes.put(key, AttributeChanges.change(before, after));
        }
    }

    private static String amount(Optional<java.math.BigDecimal> value) {
        return value.map(java.math.BigDecimal::toPlainString).orElse(null);
    }

    private static Object seats(Pool pool) {
        return pool.seats().isPresent() ? (Object) pool.seats().getAsInt() : "unlimited";
    }

    private static String maxGrant(Pool pool) {
        return pool.maxGrant().map(Object::toString).orElse(null);
    }

    private static String describe(Tier tier) {
        return tier.identityCenterGroup() + ", $" + tier.monthlyPriceUsd().toPlainString() + "/month";
    }

    private static String describe(Pool pool) {
        return pool.tier() + ", " + (pool.seats().isPresent() ? pool.seats().getAsInt() + " seats" : "unlimited")
                + pool.maxGrant().map(d -> ", maxGrant " + d).orElse("");
    }
}
