package dev.kiroscim.core.seats;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The port through which {@link SeatAllocator} reads and changes the allocation state.
 *
 * <p>The allocator never loads all users: every query is bounded by a pool, a user or a limit, so a SQL
 * implementation can answer each one with an indexed query, e.g. {@code firstWaiting} as
 * <pre>
 * SELECT m.user_id, m.joined_at FROM membership m JOIN scim_user u ON u.id = m.user_id
 *  LEFT JOIN seat s ON s.user_id = m.user_id
 *  WHERE m.group_key = :pool AND u.active AND m.expired_at IS NULL AND (s.user_id IS NULL OR s.tier IN (:lower))
 *  ORDER BY m.joined_at, m.user_id LIMIT :n
 * </pre>
 * The persistence module runs each allocator call in one transaction that holds an allocation lock, which is what
 * makes rule 7 hold across threads and replicas. Since one step can cascade through any pool (rule 5), the simple
 * correct scheme is one global lock row taken {@code FOR UPDATE} at the start of the step; per-pool row locks would
 * have to be taken in a fixed order for every pool the cascade may reach. This interface assumes one caller at a time.
 *
 * <p><b>Pools and groups.</b> Methods take a pool's group as written in the policy ({@code Pool.group()}).
 * The implementation matches it case-insensitively against SCIM group displayNames and against externalIds.
 *
 * <p><b>Eligibility.</b> A user is <em>eligible</em> in a pool when they are active, a member of the pool's group
 * and not marked expired for that pool. The expiry mark belongs to the membership: removing the user from the
 * group must clear it, so a later re-join starts a new grant (rule 6).
 *
 * <p>Directory changes (joins, leaves, (de)activation, deletion) are written by the SCIM side, never by the
 * allocator, and they never touch seats: the allocator releases the seats they invalidate on its next
 * {@code settle}, in the same transaction.
 */
public interface SeatLedger {

    /** Whether the user exists and is {@code active=true}. Unknown or deleted users are not active. */
    boolean isActive(String userId);

    /** When the user joined the pool's group, or empty when they are not a member. */
    Optional<Instant> joinedAt(String userId, String poolGroup);

    /** When the user's grant in this pool expired, or empty when it has not (or they have left and re-joined). */
    Optional<Instant> expiredAt(String userId, String poolGroup);

    /** The user's seat, if any. */
    Optional<Seat> seatOf(String userId);

    /** Number of seats held in the pool. */
    int countAssigned(String poolGroup);

    /** Seats held in the pool, ordered by {@code assignedAt} then {@code userId}. */
    List<Seat> seatsIn(String poolGroup);

    /** Groups (as stored on seats) that hold at least one seat, so a reload can find pools that disappeared. */
    Set<String> poolGroupsWithSeats();

    /** Seats with {@code expiresAt <= now}, ordered by {@code expiresAt} then {@code userId}. */
    List<Seat> seatsExpiringBy(Instant now);

    /**
     * The first {@code limit} users waiting in the pool, in {@link Waiter#QUEUE_ORDER}. A user waits in a pool when
     * they are eligible in it and hold either no seat or a seat whose tier is in {@code upgradableTiers}
     * (the tiers ranked below the pool's tier).
     */
    List<Waiter> firstWaiting(String poolGroup, Set<String> upgradableTiers, int limit);

    /** How many users waiting in the pool (same definition as {@link #firstWaiting}) come before {@code waiter}. */
    int countWaitingAhead(String poolGroup, Set<String> upgradableTiers, Waiter waiter);

    /** Gives the user this seat, replacing any seat they held. */
    void assign(Seat seat);

    /** Takes the user's seat away, if any. */
    void release(String userId);

    /** Marks the user's grant in the pool as expired at {@code at}; cleared when they leave the group. */
    void markExpired(String userId, String poolGroup, Instant at);

    // ---- this month's seat charges, for monthlyBudgetUsd (see MonthlyBudgets) ---------------------------------

    /** The billing month whose charges are kept ({@link #openChargesMonth}), or empty before the first. */
    Optional<YearMonth> chargesMonth();

    /**
     * Starts keeping charges for {@code month}: every current seat holder is charged at their seat's tier and pool,
     * from the month's start (or from the day they got the seat, if that is in {@code month}), since a seat carried
     * into a month is billed again. Charges of months before the previous one may be dropped.
     */
    void openChargesMonth(YearMonth month);

    /** The user's charge in {@code month}, if they held a seat in it. */
    Optional<MonthCharge> chargeOf(String userId, YearMonth month);

    /** Records or replaces the user's charge for its month. */
    void putCharge(MonthCharge charge);

    /** The charges of {@code month} that count against the scope, counted per (tier, first day). */
    List<MonthCharge.Count> chargeCounts(YearMonth month, BudgetScope scope);

    /**
     * Notes that the scope's budget refused a grant in {@code month}.
     *
     * @return true the first time for this scope and month (when {@code budget.exhausted} is written)
     */
    boolean markBudgetExhausted(YearMonth month, BudgetScope scope, Instant at);
}
