package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatLedger;
import dev.kiroscim.core.transaction.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the sync reads seats: the {@link SeatLedger} of the transaction it runs in, so a worker sees the seats as
 * committed with the outbox item it claimed. The composition root passes {@code SeatLookup.of(Directory::seats)}
 * (see {@code SyncComposition.SEATS}); tests pass a ledger they set directly.
 */
@FunctionalInterface
public interface SeatLookup {

    SeatLedger ledger(Directory tx);

    static SeatLookup of(Function<Directory, SeatLedger> ledgerOfTransaction) {
        return ledgerOfTransaction::apply;
    }

    default Optional<Seat> seatOf(Directory tx, String userId) {
        return ledger(tx).seatOf(userId);
    }

    /** Every seat of every pool in the policy (pool by pool, as the ledger's queries are bounded by pool). */
    default List<Seat> allSeats(Directory tx, Policy policy) {
        SeatLedger ledger = ledger(tx);
        List<Seat> seats = new ArrayList<>();
        for (Pool pool : policy.pools()) {
            seats.addAll(ledger.seatsIn(pool.group()));
        }
        return seats;
    }
}
