package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests: random histories of joins, leaves, deactivations, reactivations, deletions, clock advances (with
 * expiry) and policy reloads over 6 users and 4 groups, with random caps (0..3 or unlimited), tiers and maxGrants.
 * Each request is settled on its own, as one SCIM request is, at its own instant (the clock moves at least one
 * second per step). {@link SeatInvariants} is checked after every step.
 */
class SeatAllocatorPropertiesTest {
    static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5");
    static final List<String> GROUPS = List.of("G-Dev", "G-Plat", "G-Power", "G-Contr");
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    sealed interface Action {
        /** The user this request is about, or empty for clock and policy steps. */
        default Optional<String> user() {
            return Optional.empty();
        }
    }

    record Join(String userId, String group) implements Action {
        public Optional<String> user() {
            return Optional.of(userId);
        }
    }

    record Leave(String userId, String group) implements Action {
        public Optional<String> user() {
            return Optional.of(userId);
        }
    }

    record Deactivate(String userId) implements Action {
        public Optional<String> user() {
            return Optional.of(userId);
        }
    }

    /** Reactivates, or re-creates a deleted user (a user id is never reused by SCIM, but this stresses re-entry). */
    record Reactivate(String userId) implements Action {
        public Optional<String> user() {
            return Optional.of(userId);
        }
    }

    record Delete(String userId) implements Action {
        public Optional<String> user() {
            return Optional.of(userId);
        }
    }

    /** Moves the clock and runs the expiry scheduler. */
    record Advance(int seconds) implements Action {
    }

    record Reload(Policy policy) implements Action {
    }

    /** Applies a directory change to the ledger without settling. */
    static void applyDirectoryChange(InMemorySeatLedger ledger, Action action, Instant now) {
        if (action instanceof Join j) {
            ledger.join(j.userId(), j.group(), now);
        } else if (action instanceof Leave l) {
            ledger.leave(l.userId(), l.group());
        } else if (action instanceof Deactivate d) {
            if (ledger.userIds().contains(d.userId())) {
                ledger.setActive(d.userId(), false);
            }
        } else if (action instanceof Reactivate r) {
            ledger.putUser(r.userId(), true);
        } else if (action instanceof Delete d) {
            ledger.deleteUser(d.userId());
        } else {
            throw new IllegalArgumentException("not a directory change: " + action);
        }
    }

    /** A system under test: ledger, allocator, current policy and clock. */
    static final class World {
        final InMemorySeatLedger ledger = new InMemorySeatLedger();
        final SeatAllocator allocator = new SeatAllocator(ledger);
        Policy policy;
        Instant now = START;

        World(Policy policy) {
            this.policy = policy;
            USERS.forEach(u -> ledger.putUser(u, true));
        }

        /** One request or scheduler run, at a fresh instant. */
        void step(Action action) {
            if (action instanceof Advance a) {
                now = now.plusSeconds(a.seconds());
                allocator.expireDue(policy, now);
            } else if (action instanceof Reload r) {
                now = now.plusSeconds(1);
                policy = r.policy();
                allocator.recomputeAll(policy, now);
            } else {
                now = now.plusSeconds(1);
                applyDirectoryChange(ledger, action, now);
                allocator.settle(policy, Set.of(action.user().orElseThrow()), now);
            }
        }
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    /** Each group gets a pool with probability 4/5, with a random tier, cap and maxGrant; pool order is shuffled. */
    @Provide
    Arbitrary<Policy> policies() {
        List<Arbitrary<Optional<Pool>>> perGroup = GROUPS.stream().map(this::maybePool).toList();
        return Combinators.combine(perGroup).as(pools -> pools.stream().flatMap(Optional::stream).toList())
                .flatMap(pools -> Arbitraries.shuffle(pools))
                .map(pools -> new Policy(SeatScenario.TIERS, pools));
    }

    private Arbitrary<Optional<Pool>> maybePool(String group) {
        return Combinators.combine(
                        Arbitraries.of("PRO", "PRO_PLUS", "POWER"),
                        Arbitraries.frequencyOf(
                                Tuple.of(1, Arbitraries.just(OptionalInt.of(0))),
                                Tuple.of(6, Arbitraries.integers().between(1, 3).map(OptionalInt::of)),
                                Tuple.of(1, Arbitraries.just(OptionalInt.empty()))),
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(Optional.<Duration>empty())),
                                Tuple.of(1, Arbitraries.integers().between(30, 300).map(s -> Optional.of(Duration.ofSeconds(s))))),
                        Arbitraries.integers().between(0, 4))
                .as((tier, seats, maxGrant, coin) -> coin == 0 ? Optional.empty() : Optional.of(new Pool(group, tier, seats, maxGrant)));
    }

    @Provide
    Arbitrary<Action> userActions() {
        Arbitrary<String> user = Arbitraries.of(USERS);
        Arbitrary<String> group = Arbitraries.of(GROUPS);
        return Arbitraries.frequencyOf(
                Tuple.of(10, Combinators.combine(user, group).as(Join::new)),
                Tuple.of(3, Combinators.combine(user, group).as(Leave::new)),
                Tuple.of(2, user.map(Deactivate::new)),
                Tuple.of(2, user.map(Reactivate::new)),
                Tuple.of(1, user.map(Delete::new)));
    }

    @Provide
    Arbitrary<Action> actions() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, userActions()),
                Tuple.of(3, Arbitraries.integers().between(1, 200).map(Advance::new)),
                Tuple.of(1, policies().map(Reload::new)));
    }

    /**
     * 8 to 24 joins first, so that queues form and users sit in several pools at once (otherwise moving up and
     * its cascade are too rare to be exercised), then 10 to 60 mixed steps.
     */
    @Provide
    Arbitrary<List<Action>> histories() {
        Arbitrary<Action> join = Combinators.combine(Arbitraries.of(USERS), Arbitraries.of(GROUPS)).as(Join::new);
        return Combinators.combine(join.list().ofMinSize(8).ofMaxSize(24), actions().list().ofMinSize(10).ofMaxSize(60))
                .as((joins, rest) -> {
                    List<Action> all = new ArrayList<>(joins);
                    all.addAll(rest);
                    return all;
                });
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    /**
     * After every step of any history: caps hold (rule 7); every seat is held by an active, non-expired member of its
     * pool's group, with the pool's tier and maxGrant deadline (rules 1, 6); one seat per user, only in pools of the
     * policy (rule 2); no pool has a free seat while someone waits in it (rule 4, work-conserving); and no waiter is
     * overtaken: a holder who got a seat at or after the moment a waiter began waiting (without a break) comes
     * before that waiter in (joinedAt, userId) order (rule 3).
     */
    @Property(tries = 400, shrinking = ShrinkingMode.FULL)
    void invariantsHoldAfterEveryStep(@ForAll("policies") Policy initial, @ForAll("histories") List<Action> history) {
        World world = new World(initial);
        SeatInvariants invariants = new SeatInvariants();
        invariants.check(world.policy, world.ledger.snapshot(), world.now, "start");
        for (int i = 0; i < history.size(); i++) {
            world.step(history.get(i));
            invariants.check(world.policy, world.ledger.snapshot(), world.now, "step " + i + " " + history.get(i));
        }
    }

    /**
     * Determinism within one step. After any history, a batch of directory changes for <em>distinct</em> users is
     * applied at one instant, in two different orders (as given and reversed), followed by one {@code settle} over
     * all touched users, passed in the two orders too. The two final ledger snapshots (active flags, memberships
     * with join times, expiry marks, seats with pool, tier, assignedAt and expiresAt) must be equal, and the
     * invariants must hold.
     */
    @Property(tries = 300)
    void oneStepIsIndependentOfTheOrderOfItsRequests(@ForAll("policies") Policy policy,
                                                    @ForAll("histories") List<Action> history,
                                                    @ForAll("batches") List<Action> batch) {
        List<InMemorySeatLedger.Snapshot> results = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
            World world = replay(policy, history);
            world.now = world.now.plusSeconds(1);
            List<Action> ordered = new ArrayList<>(batch);
            if (reversed) {
                Collections.reverse(ordered);
            }
            LinkedHashSet<String> touched = new LinkedHashSet<>();
            for (Action action : ordered) {
                applyDirectoryChange(world.ledger, action, world.now);
                touched.add(action.user().orElseThrow());
            }
            world.allocator.settle(world.policy, touched, world.now);
            new SeatInvariants().check(world.policy, world.ledger.snapshot(), world.now, "after batch " + ordered);
            results.add(world.ledger.snapshot());
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    /**
     * Determinism across requests (rule 8). After any history, requests of <em>unrelated</em> users are handled one
     * by one, each settled on its own, all at the same instant, in two orders (as given and reversed). Two users are
     * unrelated when the sets of groups they belong to, before or after their request, do not intersect, so neither
     * request changes a queue the other user is in (a seat freed by one may still cascade into a pool the other
     * joins). Batches are cut down to such users; tries with fewer than two are skipped. The final ledger
     * snapshots must be equal.
     */
    @Property(tries = 600)
    void unrelatedRequestsCommute(@ForAll("policies") Policy policy,
                                  @ForAll("histories") List<Action> history,
                                  @ForAll("batches") List<Action> batch) {
        World probe = replay(policy, history);
        List<Action> unrelated = new ArrayList<>();
        Set<String> groupsTaken = new HashSet<>();
        for (Action action : batch) {
            Set<String> groups = new TreeSet<>(probe.ledger.groupsOf(action.user().orElseThrow()));
            if (action instanceof Join j) {
                groups.add(Pool.keyOf(j.group()));
            }
            if (Collections.disjoint(groups, groupsTaken)) {
                unrelated.add(action);
                groupsTaken.addAll(groups);
            }
        }
        Assume.that(unrelated.size() >= 2); // one request alone has no order to vary
        List<InMemorySeatLedger.Snapshot> results = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
            World world = replay(policy, history);
            world.now = world.now.plusSeconds(1);
            List<Action> ordered = new ArrayList<>(unrelated);
            if (reversed) {
                Collections.reverse(ordered);
            }
            for (Action action : ordered) {
                applyDirectoryChange(world.ledger, action, world.now);
                world.allocator.settle(world.policy, Set.of(action.user().orElseThrow()), world.now);
            }
            results.add(world.ledger.snapshot());
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    @Provide
    Arbitrary<List<Action>> batches() {
        return userActions().list().ofMinSize(2).ofMaxSize(6)
                .uniqueElements(a -> a.user().orElseThrow());
    }

    private static World replay(Policy policy, List<Action> history) {
        World world = new World(policy);
        history.forEach(world::step);
        return world;
    }
}
