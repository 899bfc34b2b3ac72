package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable {@link SeatLedger} of one transaction ({@code Directory.seats()}), plus what the server needs around
 * the allocator: the allocation lock and the bounded reads behind the admin API.
 *
 * <p>Every read is bounded by a pool, a user, a count or a page size; nothing loads all users. Pages are keyset
 * pages ordered by user id: pass the last id of a page as {@code afterUserId} to get the next one ({@code ""} for the
 * first page).
 */
public interface SeatStore extends SeatLedger {

    /**
     * Serialises allocation steps across threads and server replicas: takes one database row lock
     * ({@code SELECT … FOR UPDATE}) held until the transaction ends. Call it first in every transaction that runs
     * {@link SeatAllocator#settle}, {@link SeatAllocator#expireDue} or {@link SeatAllocator#recomputeAll} (rule 7).
     *
     * <p>Returns the instant of this step: {@code proposed}, or 1 ms after the previous step if that is later. Steps
     * thus get strictly increasing instants in the order they hold the lock, whatever the replicas' clocks say and
     * in whichever order concurrent requests started. Example: request X starts at 10:00:00.005, request Y at
     * 10:00:00.007, but Y takes the lock first: Y's step is .007, X's is .008.
     */
    Instant lockForAllocation(Instant proposed);

    /**
     * Sets the join time of these members of the group to the step's instant. Rule 3 orders a pool by join time, so
     * the join time must follow the order in which joins are allocated: a request that started earlier but took the
     * lock later must not count as earlier than a member who already got a seat (that would be a queue jump
     * nobody can honour without pre-emption).
     */
    void stampJoins(String groupId, Collection<String> userIds, Instant at);

    /**
     * The {@code contentSha256} of the policy last applied to these seats by any replica ({@code ""} for the built-in
     * default or none yet), so a server starting with an unchanged file does not report a new load.
     */
    String appliedPolicySha256();

    void recordAppliedPolicy(String contentSha256);

    /** The cluster's active policy, as last stored by {@link #storeActivePolicy}; empty before the first one. */
    Optional<StoredPolicy> activePolicy();

    /**
     * Makes {@code policy} the cluster's active policy, and its SHA-256 the applied one ({@link #recordAppliedPolicy}),
     * in the transaction of the allocation step that applies it. Replicas poll {@link #appliedPolicySha256} and load
     * the new text when it changes.
     */
    void storeActivePolicy(StoredPolicy policy);

    /** How many users wait in the pool, with the definition of {@link #firstWaiting}. */
    int countWaiting(String poolGroup, Set<String> upgradableTiers);

    /** Ids of all users, in id order, after {@code afterUserId}. */
    List<String> userIdsAfter(String afterUserId, int limit);

    /** Ids of members of the pool's group(s), in id order, after {@code afterUserId}. */
    List<String> memberIdsAfter(String poolGroup, String afterUserId, int limit);

    /** Ids of seat holders, optionally only in one pool and/or of one tier, in id order, after {@code afterUserId}. */
    List<String> holderIdsAfter(Optional<String> poolGroup, Optional<String> tier, String afterUserId, int limit);
}
