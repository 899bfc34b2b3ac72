package dev.kiroscim.core.sync.engine;

import java.time.Instant;
import java.util.List;

/**
 * What a reconcile would do, without doing it: the exact Identity Store calls, the drift behind them, and the tier
 * groups that would be created (each needs a one-time subscription in the Kiro console).
 *
 * @param mode           {@code live} or {@code plan-only}
 * @param at             when the Identity Store was read
 * @param calls          the write and lookup calls, in order
 * @param drift          what differs
 * @param groupsToCreate tier groups missing in the Identity Store
 * @param readCalls      how many list/lookup calls building the plan cost (pages, group lookups)
 */
public record SyncPlan(
        String mode,
        Instant at,
        List<PlannedCall> calls,
        List<Drift> drift,
        List<String> groupsToCreate,
        int readCalls) {
    public SyncPlan {
        calls = List.copyOf(calls);
        drift = List.copyOf(drift);
        groupsToCreate = List.copyOf(groupsToCreate);
    }
}
