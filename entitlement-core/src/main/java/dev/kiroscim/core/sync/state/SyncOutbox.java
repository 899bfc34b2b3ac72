package dev.kiroscim.core.sync.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Port: the transactional outbox of Identity Center work, reached as {@code Directory.outbox()} so that
 * {@link #enqueueUser} commits or rolls back with the change that caused it. An accepted SCIM request is therefore
 * never lost: if the process dies right after answering, the item is in the database and the next worker runs it.
 *
 * <p><b>For the seat allocator:</b> after settling seats in a SCIM transaction, enqueue every user a seat event
 * touched (promotions cascade to users the request never named):
 * <pre>{@code
 * for (SeatEvent e : events) tx.outbox().enqueueUser(e.userId(), "seat." + e.type().name().toLowerCase(), ctx.at());
 * }</pre>
 *
 * <p><b>Ordering and claiming.</b> Only a user's oldest pending item (its <em>head</em>) can be claimed, and a
 * claim leases it, so at most one worker converges a user at a time, across threads and replicas (PostgreSQL
 * {@code FOR UPDATE SKIP LOCKED}). A claimed user's later items are completed with it when the worker read the
 * state after they were committed ({@link #pendingIdsOf}).
 */
public interface SyncOutbox {

    /**
     * Records "converge this user" in the current transaction. Cheap: one insert, no locks on other rows.
     *
     * @param at when the change happened (the change's {@code ChangeContext.at()}, from the caller's clock): the item
     *           is due from then, and the outbox age in {@code /metrics} counts from it
     */
    void enqueueUser(String userId, String reason, Instant at);

    /**
     * Leases up to {@code max} users' head items that are due ({@code nextAttemptAt <= now}, not leased), oldest
     * first, until {@code now + lease}. A crashed worker's lease simply runs out.
     */
    List<OutboxItem> claim(int max, Instant now, Duration lease, String workerId);

    /**
     * Lease fencing: extends the claim to {@code leaseUntil} if the item is still pending under this worker's claim
     * ({@code workerId} and the {@link OutboxItem#claimVersion} it was claimed with). False when it is gone or another
     * worker claimed it after this claim expired (this worker stalled): the caller must then not record anything
     * for the item, nor send anything more for it. A successful renewal also extends this worker's other claims
     * (the rest of its batch, waiting behind the rate limit), so only a stalled or dead worker loses its claims.
     */
    boolean renewClaim(long itemId, String workerId, long claimVersion, Instant leaseUntil);

    /** Ids of the user's pending items, read before the user's state so that they are covered by it. */
    List<Long> pendingIdsOf(String userId);

    /** Deletes these items: the state they asked for has been applied. */
    void complete(Collection<Long> itemIds);

    /** Releases the head item's lease and schedules another attempt. */
    void retryLater(long itemId, int attempts, Instant nextAttemptAt, String error);

    /** Parks all of the user's pending items as dead letters with the error; other users are unaffected. */
    void deadLetter(String userId, int attempts, String error, Instant at);

    /** Makes every dead letter pending again, due at once. @return how many */
    int requeueDeadLetters(Instant now);

    OutboxStats stats();

    List<DeadLetter> deadLetters(int limit);

    /** Removes every pending item, e.g. in plan-only mode where nothing is sent. @return how many */
    int discardPending();

    /** How long a claim lasts when the worker does not say: longer than any convergence with retries inside. */
    Duration DEFAULT_LEASE = Duration.ofMinutes(2);
}
