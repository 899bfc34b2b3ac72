package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Test driver: an in-memory directory plus allocator where every request settles at once, as one SCIM
 * request would in its transaction. The clock only moves when a test says so.
 */
final class SeatScenario {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    final InMemorySeatLedger ledger = new InMemorySeatLedger();
    final SeatAllocator allocator = new SeatAllocator(ledger);
    final List<SeatEvent> events = new ArrayList<>();
    Policy policy;
    Instant now = T0;

    SeatScenario(Policy policy) {
        this.policy = policy;
    }

    static Tier tier(String name, int rank) {
        return new Tier(
                name, "kiro-" + name.toLowerCase(), BigDecimal.TEN.multiply(BigDecimal.valueOf(rank + 1)), rank);
    }

    static final List<Tier> TIERS = List.of(tier("PRO", 0), tier("PRO_PLUS", 1), tier("POWER", 2));

    static Pool pool(String group, String tier, int seats) {
        return new Pool(group, tier, OptionalInt.of(seats), Optional.empty());
    }

    static Pool pool(String group, String tier, int seats, Duration maxGrant) {
        return new Pool(group, tier, OptionalInt.of(seats), Optional.of(maxGrant));
    }

    static Policy policy(Pool... pools) {
        return new Policy(TIERS, List.of(pools));
    }

    SeatScenario at(String hhmm) {
        now = Instant.parse("2026-01-05T" + hhmm + ":00Z");
        return this;
    }

    SeatScenario advance(Duration by) {
        now = now.plus(by);
        return this;
    }

    /** Creates an active user and adds them to the groups, in one request. */
    SeatScenario hire(String user, String... groups) {
        ledger.putUser(user, true);
        for (String group : groups) {
            ledger.join(user, group, now);
        }
        return settle(user);
    }

    SeatScenario join(String user, String group) {
        ledger.join(user, group, now);
        return settle(user);
    }

    SeatScenario leave(String user, String group) {
        ledger.leave(user, group);
        return settle(user);
    }

    SeatScenario deactivate(String user) {
        ledger.setActive(user, false);
        return settle(user);
    }

    SeatScenario reactivate(String user) {
        ledger.setActive(user, true);
        return settle(user);
    }

    SeatScenario delete(String user) {
        ledger.deleteUser(user);
        return settle(user);
    }

    SeatScenario expireDue() {
        events.addAll(allocator.expireDue(policy, now));
        return this;
    }

    SeatScenario reload(Policy newPolicy) {
        policy = newPolicy;
        events.addAll(allocator.recomputeAll(newPolicy, now));
        return this;
    }

    SeatScenario settle(String... users) {
        events.addAll(allocator.settle(policy, Set.of(users), now));
        return this;
    }

    /** "pool/tier" of the user's seat, or "-" without one. */
    String seat(String user) {
        return ledger.seatOf(user).map(s -> s.pool() + "/" + s.tier()).orElse("-");
    }

    Entitlement entitlement(String user) {
        return new EntitlementReader(ledger).read(policy, user);
    }

    /** Events since the last call, as "TYPE user pool tier". */
    List<String> drainEvents() {
        List<String> rendered = events.stream()
                .map(e -> e.type() + " " + e.userId() + " " + e.pool() + " " + e.tier())
                .toList();
        events.clear();
        return rendered;
    }
}
