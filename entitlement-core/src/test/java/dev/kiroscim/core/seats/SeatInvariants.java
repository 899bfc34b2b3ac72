package dev.kiroscim.core.seats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allocation invariants, computed from an {@link InMemorySeatLedger.Snapshot} alone (not through the ledger's
 * own queries, which are part of what is being tested). Keeps, across steps, since when each user has been
 * waiting in each pool without interruption, for the FIFO check.
 */
final class SeatInvariants {
    /** "poolKey|userId" → the first step instant from which the user has waited in the pool without a break. */
    private Map<String, Instant> waitingSince = new HashMap<>();

    /** Checks every invariant after a step at {@code now}; {@code step} describes the step for failure messages. */
    void check(Policy policy, InMemorySeatLedger.Snapshot state, Instant now, String step) {
        Map<String, Instant> waitingNow = new HashMap<>();
        for (Pool pool : policy.pools()) {
            List<Seat> holders = state.seats().values().stream()
                    .filter(s -> Pool.keyOf(s.pool()).equals(pool.key()))
                    .toList();
            List<String> waiters = state.users().keySet().stream()
                    .filter(u -> waits(policy, state, u, pool))
                    .toList();
            waiters.forEach(
                    w -> waitingNow.put(pool.key() + "|" + w, waitingSince.getOrDefault(pool.key() + "|" + w, now)));

            // Rule 7: caps are never exceeded.
            pool.seats()
                    .ifPresent(cap -> assertThat(holders.size())
                            .as("%s: cap of %s", step, pool.group())
                            .isLessThanOrEqualTo(cap));

            // Rule 4: work-conserving: no free seat while someone waits.
            if (pool.freeSeats(holders.size()) > 0) {
                assertThat(waiters)
                        .as("%s: %s has a free seat, yet these wait", step, pool.group())
                        .isEmpty();
            }

            for (Seat seat : holders) {
                // Rule 1 (+ rule 6): only active, non-expired members of the pool's group hold its seats.
                String member = pool.key() + "|" + seat.userId();
                assertThat(state.users().getOrDefault(seat.userId(), false))
                        .as("%s: %s holds a seat while inactive", step, seat.userId())
                        .isTrue();
                assertThat(state.memberships())
                        .as("%s: %s holds %s without being a member", step, seat.userId(), pool.group())
                        .containsKey(member);
                assertThat(state.expiries())
                        .as("%s: %s holds %s while expired there", step, seat.userId(), pool.group())
                        .doesNotContainKey(member);
                assertThat(seat.tier())
                        .as("%s: seat tier follows the pool", step)
                        .isEqualTo(pool.tier());
                assertThat(seat.expiresAt())
                        .as("%s: expiry follows maxGrant", step)
                        .isEqualTo(pool.maxGrant().map(seat.assignedAt()::plus));

                // Rule 3 (FIFO, no one overtaken): a holder who got the seat at or after the moment a waiter started
                // waiting (without a break since) must come before that waiter in queue order.
                for (String waiter : waiters) {
                    Instant since = waitingNow.get(pool.key() + "|" + waiter);
                    if (!seat.assignedAt().isBefore(since)) {
                        assertThat(Waiter.QUEUE_ORDER.compare(
                                        key(state, pool, seat.userId()), key(state, pool, waiter)))
                                .as(
                                        "%s: %s got %s at %s although %s waits ahead since %s",
                                        step, seat.userId(), pool.group(), seat.assignedAt(), waiter, since)
                                .isNegative();
                    }
                }
            }
        }
        // Rule 2: one seat per user, and only in pools of the policy; seats of a user rank at least as high as any
        // pool the user can get into right now is implied by work-conservation above.
        for (Seat seat : state.seats().values()) {
            assertThat(policy.pool(seat.pool()))
                    .as("%s: seat of %s in a pool outside the policy", step, seat.userId())
                    .isPresent();
        }
        assertThat(state.seats().values().stream().map(Seat::userId).distinct().count())
                .isEqualTo(state.seats().size());
        waitingSince = waitingNow;
    }

    private static Waiter key(InMemorySeatLedger.Snapshot state, Pool pool, String user) {
        return new Waiter(user, state.memberships().get(pool.key() + "|" + user));
    }

    /** Independent restatement of "waits in": eligible, and no seat or a seat of a strictly lower tier. */
    static boolean waits(Policy policy, InMemorySeatLedger.Snapshot state, String user, Pool pool) {
        String member = pool.key() + "|" + user;
        if (!state.users().getOrDefault(user, false)
                || !state.memberships().containsKey(member)
                || state.expiries().containsKey(member)) {
            return false;
        }
        Optional<Seat> seat = Optional.ofNullable(state.seats().get(user));
        return seat.isEmpty() || policy.rankOf(seat.get().tier()) < policy.rankOf(pool);
    }
}
