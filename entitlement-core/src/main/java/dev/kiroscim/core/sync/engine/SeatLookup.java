package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where the sync reads seats: the {@link SeatLedger} of a transaction. The composition root passes
 * {@code SeatLookup.of(tx -> tx.seats())} once the SQL ledger exists; {@link #NONE} (nobody holds a seat) until then.
 */
@FunctionalInterface
public interface SeatLookup {

    SeatLedger ledger(Directory tx);

    static SeatLookup of(Function<Directory, SeatLedger> ledgerOfTransaction) {
        return ledgerOfTransaction::apply;
    }

    /** No ledger: every user is seatless, so only deactivations and deletions reach Identity Center. */
    SeatLookup NONE = tx -> null;

    default java.util.Optional<Seat> seatOf(Directory tx, String userId) {
        SeatLedger ledger = ledger(tx);
        return ledger == null ? java.util.Optional.empty() : ledger.seatOf(userId);
    }

    /** Every seat of every pool in the policy (pool by pool, as the ledger's queries are bounded by pool). */
    default List<Seat> allSeats(Directory tx, Policy policy) {
        SeatLedger ledger = ledger(tx);
        List<Seat> seats = new ArrayList<>();
        if (ledger != null) {
            for (Pool pool : policy.pools()) {
                seats.addAll(ledger.seatsIn(pool.group()));
            }
        }
        return seats;
    }
}
