package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Pool;
import java.util.Optional;

/**
 * The filters of {@code GET /admin/v1/entitlements?state=&pool=&tier=}; empty means "any".
 * A user matches {@code pool=Kiro-Platform} when they hold a seat there, expired there, or wait there.
 */
public record EntitlementFilter(Optional<Entitlement.State> state, Optional<String> pool, Optional<String> tier) {

    public static final EntitlementFilter ANY =
            new EntitlementFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean matches(Entitlement e) {
        return state.map(s -> s == e.state()).orElse(true)
                && tier.map(t -> e.tier().map(t::equals).orElse(false)).orElse(true)
                && pool.map(p -> e.pool()
                                        .map(held -> Pool.keyOf(held).equals(Pool.keyOf(p)))
                                        .orElse(false)
                                || e.waitlist().stream()
                                        .anyMatch(w -> Pool.keyOf(w.pool()).equals(Pool.keyOf(p))))
                        .orElse(true);
    }
}
