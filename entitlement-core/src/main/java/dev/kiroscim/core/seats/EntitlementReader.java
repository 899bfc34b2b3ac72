package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a user's {@link Entitlement} from the ledger, with a handful of bounded queries per pool.
 *
 * <p>The queue position counts only users waiting now: a user ahead who is inactive or already holds a
 * seat of the pool's tier does not count, so position 1 means "next seat that frees is yours".
 */
public final class EntitlementReader {
    private final SeatLedger ledger;

    public EntitlementReader(SeatLedger ledger) {
        this.ledger = ledger;
    }

    public Entitlement read(Policy policy, String userId) {
        List<Entitlement.WaitlistPosition> waitlist = new ArrayList<>();
        for (Pool pool : policy.poolsByPreference()) {
            if (Queueing.waits(ledger, policy, userId, pool)) {
                Instant joinedAt = ledger.joinedAt(userId, pool.group()).orElseThrow();
                int ahead =
                        ledger.countWaitingAhead(pool.group(), policy.tiersBelow(pool), new Waiter(userId, joinedAt));
                waitlist.add(new Entitlement.WaitlistPosition(pool.group(), ahead + 1));
            }
        }
        Optional<Seat> seat = ledger.seatOf(userId);
        if (seat.isPresent()) {
            Seat held = seat.get();
            String poolName = policy.pool(held.pool()).map(Pool::group).orElse(held.pool());
            return new Entitlement(
                    userId,
                    Entitlement.State.ASSIGNED,
                    Optional.of(held.tier()),
                    Optional.of(poolName),
                    Optional.of(held.assignedAt()),
                    held.expiresAt(),
                    waitlist);
        }
        if (!waitlist.isEmpty()) {
            return new Entitlement(
                    userId,
                    Entitlement.State.WAITLISTED,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    waitlist);
        }
        for (Pool pool : policy.poolsByPreference()) {
            Optional<Instant> expiredAt = ledger.expiredAt(userId, pool.group());
            if (expiredAt.isPresent() && ledger.joinedAt(userId, pool.group()).isPresent()) {
                return new Entitlement(
                        userId,
                        Entitlement.State.EXPIRED,
                        Optional.of(pool.tier()),
                        Optional.of(pool.group()),
                        expiredAt,
                        Optional.empty(),
                        List.of());
            }
        }
        return new Entitlement(
                userId,
                Entitlement.State.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
