package dev.kiroscim.core.seats.service;

import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatLedger;
import dev.kiroscim.core.seats.Waiter;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Use case: who holds a pool's seats and who waits for one, in queue order with join times, and which grants
 * expire soon. Read-only; the console's Pools page. The waitlist uses the allocator's own definition
 * ({@link SeatLedger#firstWaiting}), so position 1 here is the user the next free seat goes to.
 */
public final class PoolRoster {

    public record Holder(String userId, String userName, String tier, Instant since, Optional<Instant> expiresAt) {}

    public record Waiting(int position, String userId, String userName, Instant joinedAt) {}

    /** {@code holders} and {@code waitlist} hold at most {@code limit} rows; the totals count all. */
    public record Roster(
            String pool,
            String tier,
            OptionalInt seats,
            int holderCount,
            List<Holder> holders,
            int waitingCount,
            List<Waiting> waitlist) {}

    public record Expiring(String userId, String userName, String pool, String tier, Instant expiresAt) {}

    private final Transactions transactions;
    private final Supplier<Policy> policy;

    public PoolRoster(Transactions transactions, Supplier<Policy> policy) {
        this.transactions = transactions;
        this.policy = policy;
    }

    /** Empty when the policy has no such pool. */
    public Optional<Roster> roster(String group, int limit) {
        Policy current = policy.get();
        Optional<Pool> pool = current.pool(group);
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Pool p = pool.get();
        return Optional.of(transactions.read(tx -> {
            List<Seat> seats = tx.seats().seatsIn(p.group());
            List<Holder> holders = new ArrayList<>();
            for (Seat s : seats.subList(0, Math.min(limit, seats.size()))) {
                holders.add(new Holder(s.userId(), userName(tx, s.userId()), s.tier(), s.assignedAt(), s.expiresAt()));
            }
            var below = current.tiersBelow(p);
            List<Waiting> waitlist = new ArrayList<>();
            int position = 1;
            for (Waiter w : tx.seats().firstWaiting(p.group(), below, limit)) {
                waitlist.add(new Waiting(position++, w.userId(), userName(tx, w.userId()), w.joinedAt()));
            }
            return new Roster(
                    p.group(),
                    p.tier(),
                    p.seats(),
                    seats.size(),
                    holders,
                    tx.seats().countWaiting(p.group(), below),
                    waitlist);
        }));
    }

    /** Grants that expire by {@code until}, soonest first, across all pools. */
    public List<Expiring> expiringBy(Instant until) {
        return transactions.read(tx -> tx.seats().seatsExpiringBy(until).stream()
                .map(s -> new Expiring(
                        s.userId(),
                        userName(tx, s.userId()),
                        s.pool(),
                        s.tier(),
                        s.expiresAt().orElse(until)))
                .toList());
    }

    private static String userName(dev.kiroscim.core.transaction.Directory tx, String userId) {
        return tx.users().find(userId).map(UserRecord::userName).orElse(null);
    }
}
