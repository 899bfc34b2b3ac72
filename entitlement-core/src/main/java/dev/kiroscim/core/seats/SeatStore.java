package dev.kiroscim.core.seats;

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
     */
    void lockForAllocation();

    /** How many users wait in the pool, with the definition of {@link #firstWaiting}. */
    int countWaiting(String poolGroup, Set<String> upgradableTiers);

    /** Ids of all users, in id order, after {@code afterUserId}. */
    List<String> userIdsAfter(String afterUserId, int limit);

    /** Ids of members of the pool's group(s), in id order, after {@code afterUserId}. */
    List<String> memberIdsAfter(String poolGroup, String afterUserId, int limit);

    /** Ids of seat holders, optionally only in one pool and/or of one tier, in id order, after {@code afterUserId}. */
    List<String> holderIdsAfter(Optional<String> poolGroup, Optional<String> tier, String afterUserId, int limit);
}
