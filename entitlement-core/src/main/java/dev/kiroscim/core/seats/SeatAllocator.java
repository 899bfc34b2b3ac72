package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seat allocation use case: applies the eight allocation rules to a {@link SeatLedger}.
 *
 * <p>Each call is one allocation step at one instant ({@code now}, never the system clock) and must run in one
 * transaction that serialises allocation (rule 7 is the ledger implementation's job). Every call ends in the
 * same <em>settled</em> state:
 * <ul>
 *   <li>every seat is held by an active member of its pool's group, not expired there (rule 1), one per user (rule 2);</li>
 *   <li>no pool holds more seats than its cap (rule 7);</li>
 *   <li>no pool has a free seat while someone waits in it (rule 4).</li>
 * </ul>
 *
 * <p><b>How a step works.</b> First seats that became invalid are released. Then pools are filled in preference
 * order, highest tier first and file order among equal tiers: each pool with free seats takes its first waiters in
 * queue order (join time, then user id; rule 3). Taking a user who held a lower seat frees that seat, and the lower
 * pool, which comes later in the order, is filled in turn (rule 5 cascade). Because a move only ever goes up, a pool
 * never needs a second visit, and because the queue order and the pool order are total orders over the state, the
 * result does not depend on the order in which the touched users were given (rule 8).
 *
 * <p><b>Budgets.</b> A pool also stops granting when the next grant would push this month's committed cost of the
 * pool, or of its tier, over its {@code monthlyBudgetUsd} ({@link MonthlyBudgets}). The first user in line is then
 * refused and nobody behind them is served (the queue stays FIFO); they all wait until the budget allows it again,
 * at the latest when the next UTC month starts. Every step first checks whether a new month has begun: if so the
 * month's charges are opened (every holder is charged again) and every budgeted pool is filled again, in queue
 * order. The first refusal of a scope in a month is reported once ({@link #drainBudgetsExhausted}). With budgets, a
 * pool may have free seats while users wait; the other settled-state rules hold as above.
 *
 * <p><b>Example.</b> Kiro-Platform (PRO_PLUS, 1 seat) is held by Ann; Bob waits in it while holding a PRO seat in
 * Kiro-Developers (1 seat), where Cid waits. Ann leaves: {@code settle(policy, {ann}, now)} releases Ann, promotes
 * Bob into Kiro-Platform, which frees Kiro-Developers, which Cid gets.
 */
public final class SeatAllocator {
    private final SeatLedger ledger;
    private final List<BudgetExhausted> budgetsExhausted = new ArrayList<>();

    public SeatAllocator(SeatLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The budgets that refused their first grant of the month in the steps this allocator ran since the last call
     * (each scope at most once per month, across replicas): the {@code budget.exhausted} events to write.
     */
    public List<BudgetExhausted> drainBudgetsExhausted() {
        List<BudgetExhausted> drained = List.copyOf(budgetsExhausted);
        budgetsExhausted.clear();
        return drained;
    }

    /**
     * Starts a new billing month if {@code now} is in one whose charges are not open yet, and serves the users
     * waiting in budgeted pools, in queue order (the month-boundary check; every other step does the same first).
     */
    public List<SeatEvent> openMonth(Policy policy, Instant now) {
        Step step = new Step(policy, now, Set.of(), "a new month's budget has room");
        step.fill();
        return step.events;
    }

    /**
     * Re-evaluates the users whose directory facts changed (joined or left a group, (de)activated, deleted) and
     * promotes from the queues of every pool this frees, until stable.
     *
     * @param touchedUserIds users whose membership or active flag changed since the last step; others are assumed settled
     * @return what happened, in order
     */
    public List<SeatEvent> settle(Policy policy, Set<String> touchedUserIds, Instant now) {
        TreeSet<String> touched = new TreeSet<>(touchedUserIds);
        Step step = new Step(policy, now, touched, "first in the queue when a seat freed");
        for (String userId : touched) {
            step.revalidate(userId);
            step.markPoolsOf(userId);
        }
        step.fill();
        step.reportWaits(touched);
        return step.events;
    }

    /**
     * Expires every seat whose {@code maxGrant} deadline is at or before {@code now} (rule 6): the seat is released,
     * the user becomes EXPIRED in that pool and stops waiting there, and the freed seats go to the queues.
     * The scheduler calls this at least once a minute.
     */
    public List<SeatEvent> expireDue(Policy policy, Instant now) {
        Step step = new Step(policy, now, Set.of(), "first in the queue when a seat freed");
        Set<String> expired = step.expireDue();
        for (String userId : expired) {
            step.markPoolsOf(userId);
        }
        step.fill();
        step.reportWaits(expired);
        return step.events;
    }

    /**
     * Reclaims idle seats (the pools' {@code reclaim: release}): each user's seat is freed and the user is marked
     * EXPIRED in that pool, so they do not take it straight back as an early joiner; they wait again after leaving
     * and re-joining the group. The freed seats go to the first users waiting, as for any freed seat (rule 4).
     *
     * @param reasons the reason per user id, e.g. {@code "no Kiro activity for 41 days (last: 2026-10-01)"}
     */
    public List<SeatEvent> reclaim(Policy policy, Instant now, Map<String, String> reasons) {
        Step step = new Step(policy, now, Set.of(), "first in the queue when a seat freed");
        Set<String> reclaimed = new TreeSet<>();
        for (Map.Entry<String, String> r : new java.util.TreeMap<>(reasons).entrySet()) {
            Optional<Seat> seat = ledger.seatOf(r.getKey());
            if (seat.isEmpty()) {
                continue;
            }
            String poolName = policy.pool(seat.get().pool())
                    .map(Pool::group)
                    .orElse(seat.get().pool());
            ledger.release(r.getKey());
            ledger.markExpired(r.getKey(), seat.get().pool(), now);
            step.event(
                    SeatEvent.Type.RECLAIMED, r.getKey(), poolName, seat.get().tier(), r.getValue());
            policy.pool(seat.get().pool()).ifPresent(step.dirty::add);
            reclaimed.add(r.getKey());
        }
        for (String userId : reclaimed) {
            step.markPoolsOf(userId);
        }
        step.fill();
        step.reportWaits(reclaimed);
        return step.events;
    }

    /**
     * Re-establishes the settled state under a new policy, e.g. after a reload. Deterministic: pools are visited in
     * file order and holders by assignment time.
     * <ul>
     *   <li>Seats in pools that no longer exist are released; seats whose pool now grants another tier keep their
     *       place and take the new tier; expiry deadlines follow the new {@code maxGrant} (assignedAt + maxGrant).</li>
     *   <li>If a cap was lowered below the number of holders, the most recently assigned holders beyond the cap lose
     *       their seat and wait again (ties: larger user id first). This is the one case where a seat is taken from
     *       someone who still qualifies: the cap wins over "no pre-emption", because the admin's budget is a hard limit.</li>
     *   <li>Seats already past a shortened {@code maxGrant} expire.</li>
     *   <li>Then every pool is filled, as in {@link #settle}.</li>
     * </ul>
     * WAITLISTED events are emitted for displaced holders only; members who start waiting because of a new pool
     * get no event (finding them would mean loading every member). Users who get a seat are reported PROMOTED.
     */
    public List<SeatEvent> recomputeAll(Policy newPolicy, Instant now) {
        Step step = new Step(newPolicy, now, Set.of(), "a seat is available under the reloaded policy");
        Set<String> displaced = new TreeSet<>();
        for (String group : new TreeSet<>(ledger.poolGroupsWithSeats())) {
            if (newPolicy.pool(group).isEmpty()) {
                for (Seat seat : ledger.seatsIn(group)) {
                    displaced.add(seat.userId());
                    step.release(seat, seat.pool(), "the pool was removed from the policy");
                }
            }
        }
        for (Pool pool : newPolicy.pools()) {
            for (Seat seat : ledger.seatsIn(pool.group())) {
                if (step.revalidate(seat.userId())) {
                    displaced.add(seat.userId());
                }
            }
            List<Seat> holders = new ArrayList<>(ledger.seatsIn(pool.group()));
            int cap = pool.seats().orElse(Integer.MAX_VALUE);
            holders.sort(Comparator.comparing(Seat::assignedAt)
                    .thenComparing(Seat::userId)
                    .reversed());
            for (Seat seat : holders.subList(0, Math.max(0, holders.size() - cap))) {
                displaced.add(seat.userId());
                step.release(
                        seat,
                        pool.group(),
                        "the seat cap was lowered to " + cap + "; the most recently assigned seats go first");
            }
        }
        displaced.addAll(step.expireDue());
        step.dirty.addAll(newPolicy.pools());
        step.fill();
        step.reportWaits(displaced);
        return step.events;
    }

    /** Waiters read per query in a budgeted pool. */
    private static final int BUDGETED_BATCH = 8;

    /** One allocation step: the events so far and the pools still to fill. */
    private final class Step {
        private final Policy policy;
        private final Instant now;
        private final List<SeatEvent> events = new ArrayList<>();
        private final TreeSet<Pool> dirty;
        /** Users whose facts changed in this step: a seat they get is ASSIGNED; anyone else's is a PROMOTION. */
        private final Set<String> touched;

        private final String promotionReason;
        private final MonthlyBudgets budgets;
        /** Pools (by key) whose first waiter a budget refused in this step, and why. */
        private final Map<String, MonthlyBudgets.Refusal> refused = new java.util.HashMap<>();

        Step(Policy policy, Instant now, Set<String> touched, String promotionReason) {
            this.policy = policy;
            this.now = now;
            this.touched = touched;
            this.promotionReason = promotionReason;
            List<Pool> preference = policy.poolsByPreference();
            this.dirty = new TreeSet<>(Comparator.comparingInt(preference::indexOf));
            this.budgets = new MonthlyBudgets(ledger, policy, MonthlyBudgets.monthOf(now));
            openMonthIfNew();
        }

        /**
         * At the first step of a month: charge every holder for the new month, and revisit every budgeted pool,
         * since last month's spending no longer counts. Step instants only grow (the allocation lock), so a month
         * once opened is never left for an earlier one.
         */
        private void openMonthIfNew() {
            Optional<java.time.YearMonth> open = ledger.chargesMonth();
            if (open.isPresent() && !open.get().isBefore(budgets.month())) {
                return;
            }
            ledger.openChargesMonth(budgets.month());
            for (Pool pool : policy.pools()) {
                if (!budgets.scopesOf(pool).isEmpty()) {
                    dirty.add(pool);
                }
            }
        }

        /**
         * Releases the user's seat if they no longer qualify for it (rule 1) and brings a still valid seat in line
         * with its pool's current tier and maxGrant. Returns whether a seat was released.
         */
        boolean revalidate(String userId) {
            Optional<Seat> held = ledger.seatOf(userId);
            if (held.isEmpty()) {
                return false;
            }
            Seat seat = held.get();
            Optional<Pool> pool = policy.pool(seat.pool());
            String reason = null;
            if (pool.isEmpty()) {
                reason = "the pool was removed from the policy";
            } else if (!ledger.isActive(userId)) {
                reason = "the user is inactive or deleted";
            } else if (ledger.joinedAt(userId, seat.pool()).isEmpty()) {
                reason = "the user left the pool's group";
            } else if (ledger.expiredAt(userId, seat.pool()).isPresent()) {
                reason = "the grant has expired";
            }
            if (reason != null) {
                release(seat, pool.map(Pool::group).orElse(seat.pool()), reason);
                return true;
            }
            Pool current = pool.get();
            Seat updated = seat.withTier(current.tier())
                    .withExpiresAt(current.maxGrant().map(seat.assignedAt()::plus));
            if (!updated.equals(seat)) {
                ledger.assign(updated);
                // A tier raised by a reload is an upgrade the invoice bills: charge it (an admin's change, never
                // refused).
                budgets.chargeAfterGrant(userId, current, now).ifPresent(this::commitCharge);
                if (!seat.tier().equals(current.tier())) {
                    event(
                            SeatEvent.Type.ASSIGNED,
                            userId,
                            current.group(),
                            current.tier(),
                            "the pool's tier changed from " + seat.tier() + " to " + current.tier());
                }
                dirty.add(current);
            }
            return false;
        }

        void release(Seat seat, String poolName, String reason) {
            ledger.release(seat.userId());
            event(SeatEvent.Type.RELEASED, seat.userId(), poolName, seat.tier(), reason);
            policy.pool(seat.pool()).ifPresent(dirty::add);
        }

        /** Marks every pool the user is eligible in, since they may now wait or fit there. */
        void markPoolsOf(String userId) {
            for (Pool pool : policy.pools()) {
                if (Queueing.eligible(ledger, userId, pool)) {
                    dirty.add(pool);
                }
            }
        }

        Set<String> expireDue() {
            Set<String> expired = new TreeSet<>();
            for (Seat seat : ledger.seatsExpiringBy(now)) {
                Instant deadline = seat.expiresAt().orElseThrow();
                String poolName = policy.pool(seat.pool()).map(Pool::group).orElse(seat.pool());
                ledger.release(seat.userId());
                ledger.markExpired(seat.userId(), seat.pool(), deadline);
                event(SeatEvent.Type.EXPIRED, seat.userId(), poolName, seat.tier(), "maxGrant reached at " + deadline);
                policy.pool(seat.pool()).ifPresent(dirty::add);
                expired.add(seat.userId());
            }
            return expired;
        }

        /**
         * Fills dirty pools in preference order until none is left; moving a user up marks the pool they left. In a
         * budgeted pool the waiters are read a few at a time, since the budget may stop the pool long before its cap.
         */
        void fill() {
            while (!dirty.isEmpty()) {
                Pool pool = dirty.pollFirst();
                refused.remove(pool.key());
                int free = pool.freeSeats(ledger.countAssigned(pool.group()));
                int batch = budgets.scopesOf(pool).isEmpty() ? free : Math.min(free, BUDGETED_BATCH);
                while (free > 0) {
                    List<Waiter> next =
                            ledger.firstWaiting(pool.group(), policy.tiersBelow(pool), Math.min(free, batch));
                    for (Waiter waiter : next) {
                        Optional<MonthlyBudgets.Refusal> refusal = budgets.refusal(pool, waiter.userId(), now);
                        if (refusal.isPresent()) {
                            refuse(pool, refusal.get());
                            free = 0;
                            break;
                        }
                        give(pool, waiter.userId());
                        free--;
                    }
                    if (next.size() < batch) {
                        break;
                    }
                }
            }
        }

        /** The pool's first waiter does not fit its budget: the pool stops here (FIFO), and the scope is noted once a month. */
        private void refuse(Pool pool, MonthlyBudgets.Refusal refusal) {
            refused.put(pool.key(), refusal);
            if (ledger.markBudgetExhausted(budgets.month(), refusal.scope(), now)) {
                budgetsExhausted.add(new BudgetExhausted(
                        refusal.scope(),
                        budgets.month(),
                        refusal.budgetUsd(),
                        refusal.spentUsd(),
                        refusal.nextMonthStarts()));
            }
        }

        /** Records a charge; pools refused for a scope whose committed cost just went down (an upgrade) get another look. */
        private void commitCharge(MonthCharge charge) {
            List<BudgetScope> lowered = budgets.commit(charge);
            if (lowered.isEmpty()) {
                return;
            }
            for (Pool pool : policy.pools()) {
                MonthlyBudgets.Refusal r = refused.get(pool.key());
                if (r != null && lowered.contains(r.scope())) {
                    dirty.add(pool);
                }
            }
        }

        private void give(Pool pool, String userId) {
            Optional<Seat> lower = ledger.seatOf(userId);
            if (lower.isPresent() && policy.rankOf(lower.get().tier()) >= policy.rankOf(pool)) {
                // A ledger that offers a sideways or downward move would make fill() loop forever; fail the step
                // instead.
                throw new IllegalStateException(
                        "SeatLedger.firstWaiting(" + pool.group() + ") returned " + userId + ", who already holds "
                                + lower.get().tier() + " in " + lower.get().pool());
            }
            Optional<MonthCharge> charge = budgets.chargeAfterGrant(userId, pool, now);
            ledger.assign(new Seat(
                    userId, pool.group(), pool.tier(), now, pool.maxGrant().map(now::plus)));
            charge.ifPresent(this::commitCharge);
            if (lower.isPresent()) {
                Seat left = lower.get();
                event(
                        SeatEvent.Type.RELEASED,
                        userId,
                        policy.pool(left.pool()).map(Pool::group).orElse(left.pool()),
                        left.tier(),
                        "moved up to " + pool.group());
                policy.pool(left.pool()).ifPresent(dirty::add);
                event(SeatEvent.Type.PROMOTED, userId, pool.group(), pool.tier(), "moved up from " + left.tier());
            } else if (touched.contains(userId)) {
                event(SeatEvent.Type.ASSIGNED, userId, pool.group(), pool.tier(), "a seat was free");
            } else {
                event(SeatEvent.Type.PROMOTED, userId, pool.group(), pool.tier(), promotionReason);
            }
        }

        /**
         * One WAITLISTED event per pool each re-evaluated user waits in at the end of the step, with the position.
         * The allocator only sees the state after the directory change, so it cannot tell "started waiting" from
         * "still waiting": a user re-evaluated while waiting is reported again, with their current position.
         */
        void reportWaits(Collection<String> userIds) {
            for (String userId : new TreeSet<>(userIds)) {
                for (Pool pool : policy.poolsByPreference()) {
                    if (Queueing.waits(ledger, policy, userId, pool)) {
                        Instant joinedAt = ledger.joinedAt(userId, pool.group()).orElseThrow();
                        int ahead = ledger.countWaitingAhead(
                                pool.group(), policy.tiersBelow(pool), new Waiter(userId, joinedAt));
                        MonthlyBudgets.Refusal budget = refused.get(pool.key());
                        events.add(SeatEvent.waitlisted(
                                userId,
                                pool.group(),
                                pool.tier(),
                                ahead + 1,
                                budget == null ? "the pool is full" : budget.explain(),
                                now));
                    }
                }
            }
        }

        private void event(SeatEvent.Type type, String userId, String pool, String tier, String reason) {
            events.add(new SeatEvent(type, userId, pool, tier, reason, now));
        }
    }
}
