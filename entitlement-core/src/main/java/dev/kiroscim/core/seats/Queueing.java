package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import java.util.Optional;

/**
 * Who may hold and who waits in a pool; shared by the allocator and the read model so both agree.
 *
 * <p>Eligible: active, member of the pool's group, not expired there. Waiting: eligible and holding no seat, or
 * a seat of a strictly lower tier (rule 5). A user holding PRO does not wait in a second PRO pool: moving
 * sideways would gain nothing and only churn seats.
 */
final class Queueing {
    private Queueing() {}

    static boolean eligible(SeatLedger ledger, String userId, Pool pool) {
        return ledger.isActive(userId)
                && ledger.joinedAt(userId, pool.group()).isPresent()
                && ledger.expiredAt(userId, pool.group()).isEmpty();
    }

    static boolean waits(SeatLedger ledger, Policy policy, String userId, Pool pool) {
        if (!eligible(ledger, userId, pool)) {
            return false;
        }
        Optional<Seat> seat = ledger.seatOf(userId);
        return seat.isEmpty() || policy.rankOf(seat.get().tier()) < policy.rankOf(pool);
    }
}
