package dev.kiroscim.core.seats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.testsupport.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

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
    record Advance(int seconds) implements Action {}

    record Reload(Policy policy) implements Action {}

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

    // ---- generators (seeded java.util.Random; see PropertyCheck) ---------------------------------------------------

    /** Each group gets a pool with probability 4/5, with a random tier, cap and maxGrant; pool order is shuffled. */
    static Policy policy(Random r) {
        List<Pool> pools = new ArrayList<>();
        for (String group : GROUPS) {
            if (r.nextInt(5) == 0) {
                continue;
            }
            String tier = pick(r, List.of("PRO", "PRO_PLUS", "POWER"));
            int capRoll = r.nextInt(8);
            OptionalInt seats = capRoll == 0
                    ? OptionalInt.of(0)
                    : capRoll == 7 ? OptionalInt.empty() : OptionalInt.of(1 + r.nextInt(3));
            Optional<Duration> maxGrant =
                    r.nextInt(4) == 0 ? Optional.of(Duration.ofSeconds(30 + r.nextInt(271))) : Optional.empty();
            pools.add(new Pool(group, tier, seats, maxGrant));
        }
        Collections.shuffle(pools, r);
        return new Policy(SeatScenario.TIERS, pools);
    }

    static Action userAction(Random r) {
        String user = pick(r, USERS);
        int roll = r.nextInt(18);
        if (roll < 10) {
            return new Join(user, pick(r, GROUPS));
        } else if (roll < 13) {
            return new Leave(user, pick(r, GROUPS));
        } else if (roll < 15) {
            return new Deactivate(user);
        } else if (roll < 17) {
            return new Reactivate(user);
        }
        return new Delete(user);
    }

    static Action action(Random r) {
        int roll = r.nextInt(24);
        if (roll < 20) {
            return userAction(r);
        } else if (roll < 23) {
            return new Advance(1 + r.nextInt(200));
        }
        return new Reload(policy(r));
    }

    /**
     * A reload to a random policy first, then 8 to 24 joins, so that queues form and users sit in several pools at
     * once (otherwise moving up and its cascade are too rare to be exercised), then 10 to 60 mixed steps.
     */
    static List<Action> history(Random r) {
        List<Action> all = new ArrayList<>();
        all.add(new Reload(policy(r)));
        int joins = 8 + r.nextInt(17);
        for (int i = 0; i < joins; i++) {
            all.add(new Join(pick(r, USERS), pick(r, GROUPS)));
        }
        int rest = 10 + r.nextInt(51);
        for (int i = 0; i < rest; i++) {
            all.add(action(r));
        }
        return all;
    }

    /** 2 to 6 directory changes for distinct users. */
    static List<Action> batch(Random r) {
        List<Action> out = new ArrayList<>();
        Set<String> users = new HashSet<>();
        int size = 2 + r.nextInt(5);
        for (int attempt = 0; out.size() < size && attempt < 50; attempt++) {
            Action a = userAction(r);
            if (users.add(a.user().orElseThrow())) {
                out.add(a);
            }
        }
        return out;
    }

    record Case(Policy policy, List<Action> history, List<Action> batch) {
        static Case random(Random r) {
            return new Case(
                    SeatAllocatorPropertiesTest.policy(r),
                    SeatAllocatorPropertiesTest.history(r),
                    SeatAllocatorPropertiesTest.batch(r));
        }
    }

    private static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    /**
     * After every step of any history: caps hold (rule 7); every seat is held by an active, non-expired member of its
     * pool's group, with the pool's tier and maxGrant deadline (rules 1, 6); one seat per user, only in pools of the
     * policy (rule 2); no pool has a free seat while someone waits in it (rule 4, work-conserving); and no waiter is
     * overtaken: a holder who got a seat at or after the moment a waiter began waiting (without a break) comes
     * before that waiter in (joinedAt, userId) order (rule 3). A failing history is shrunk to its essential steps.
     */
    @Test
    void invariantsHoldAfterEveryStep() {
        PropertyCheck.forAll(
                "seat invariants hold after every step", 400, SeatAllocatorPropertiesTest::history, history -> {
                    World world = new World(new Policy(SeatScenario.TIERS, List.of()));
                    SeatInvariants invariants = new SeatInvariants();
                    invariants.check(world.policy, world.ledger.snapshot(), world.now, "start");
                    for (int i = 0; i < history.size(); i++) {
                        world.step(history.get(i));
                        invariants.check(
                                world.policy, world.ledger.snapshot(), world.now, "step " + i + " " + history.get(i));
                    }
                });
    }

    /**
     * Determinism within one step. After any history, a batch of directory changes for <em>distinct</em> users is
     * applied at one instant, in two different orders (as given and reversed), followed by one {@code settle} over
     * all touched users, passed in the two orders too. The two final ledger snapshots (active flags, memberships
     * with join times, expiry marks, seats with pool, tier, assignedAt and expiresAt) must be equal, and the
     * invariants must hold.
     */
    @Test
    void oneStepIsIndependentOfTheOrderOfItsRequests() {
        PropertyCheck.forAllCases("one step is independent of the order of its requests", 300, Case::random, c -> {
            List<InMemorySeatLedger.Snapshot> results = new ArrayList<>();
            for (boolean reversed : new boolean[] {false, true}) {
                World world = replay(c.policy(), c.history());
                world.now = world.now.plusSeconds(1);
                List<Action> ordered = new ArrayList<>(c.batch());
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
        });
    }

    /**
     * Determinism across requests (rule 8). After any history, requests of <em>unrelated</em> users are handled one
     * by one, each settled on its own, all at the same instant, in two orders (as given and reversed). Two requests are
     * unrelated when the groups they can reach do not intersect: a request reaches the groups its user belongs to,
     * before or after it, and, transitively, every group of every user who shares a group with one it reaches. So
     * neither request changes a queue the other can affect, and no user waits in pools both can free a seat in.
     * (Sharing only a waiter is enough to relate them: when Ann frees a PRO_PLUS seat in one pool and Bob one in another,
     * and Cid waits in both, Cid takes whichever frees first, and the other goes to the next in line; see
     * {@link #aSharedWaiterRelatesTwoRequests}.) Batches are cut down to unrelated requests. With 6 users in 4 groups most
     * batches connect everything, so about 18% of cases keep two or more requests: 1,500 cases give about 280 (standard
     * deviation 15), and at least 200 must. The final ledger snapshots must be equal.
     */
    @Test
    void unrelatedRequestsCommute() {
        int[] compared = {0};
        PropertyCheck.forAllCases("unrelated requests commute", 1500, Case::random, c -> {
            if (unrelatedRequestsCommute(c)) {
                compared[0]++;
            }
        });
        assertThat(compared[0]).as("cases with at least two unrelated requests").isGreaterThanOrEqualTo(200);
    }

    /**
     * The case of seed 7424980570241, reported once as a rare failure of {@link #unrelatedRequestsCommute()} (it did
     * not reproduce in isolation); kept as a fixed case.
     */
    @Test
    void unrelatedRequestsCommute_seed7424980570241() {
        unrelatedRequestsCommute(Case.random(new java.util.Random(7424980570241L)));
    }

    /**
     * Two holders of same-tier seats in different pools leave at once while one user waits in both pools: the order
     * decides which pool the waiter gets (first seat freed, first served), so these requests are related, and the
     * property must not compare them. The old definition (disjoint own groups) called them unrelated.
     */
    @Test
    void aSharedWaiterRelatesTwoRequests() {
        Policy policy = new Policy(
                SeatScenario.TIERS,
                List.of(
                        new Pool("G-Dev", "PRO_PLUS", OptionalInt.of(1), Optional.empty()),
                        new Pool("G-Plat", "PRO_PLUS", OptionalInt.of(1), Optional.empty())));
        List<Action> history = List.of(
                new Join("u0", "G-Dev"), new Join("u1", "G-Plat"), new Join("u2", "G-Dev"), new Join("u2", "G-Plat"));
        List<Action> batch = List.of(new Leave("u0", "G-Dev"), new Leave("u1", "G-Plat"));
        World probe = replay(policy, history);

        assertThat(unrelated(probe, batch)).containsExactly(batch.get(0));
        List<String> seatOfU2 = new ArrayList<>();
        for (List<Action> order : List.of(batch, List.of(batch.get(1), batch.get(0)))) {
            World world = replay(policy, history);
            world.now = world.now.plusSeconds(1);
            for (Action action : order) {
                applyDirectoryChange(world.ledger, action, world.now);
                world.allocator.settle(world.policy, Set.of(action.user().orElseThrow()), world.now);
            }
            seatOfU2.add(world.ledger.seatOf("u2").map(Seat::pool).orElse("-"));
        }
        assertThat(seatOfU2).as("which seat u2 gets depends on the order").containsExactly("G-Dev", "G-Plat");
    }

    /** Checks one case; false when it has fewer than two unrelated requests (nothing to compare). */
    private static boolean unrelatedRequestsCommute(Case c) {
        List<Action> unrelated = unrelated(replay(c.policy(), c.history()), c.batch());
        if (unrelated.size() < 2) {
            return false; // one request alone has no order to vary
        }
        List<InMemorySeatLedger.Snapshot> results = new ArrayList<>();
        for (boolean reversed : new boolean[] {false, true}) {
            World world = replay(c.policy(), c.history());
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
        return true;
    }

    /** The batch's requests, in order, keeping each one whose reachable groups are disjoint from those kept before it. */
    private static List<Action> unrelated(World probe, List<Action> batch) {
        List<Action> unrelated = new ArrayList<>();
        Set<String> groupsTaken = new HashSet<>();
        for (Action action : batch) {
            Set<String> groups =
                    new TreeSet<>(probe.ledger.groupsOf(action.user().orElseThrow()));
            if (action instanceof Join j) {
                groups.add(Pool.keyOf(j.group()));
            }
            Set<String> reach = reachable(probe.ledger, groups);
            if (Collections.disjoint(reach, groupsTaken)) {
                unrelated.add(action);
                groupsTaken.addAll(reach);
            }
        }
        return unrelated;
    }

    /** The groups connected to {@code start} through users who belong to several groups. */
    private static Set<String> reachable(InMemorySeatLedger ledger, Set<String> start) {
        Set<String> reach = new TreeSet<>(start);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String user : ledger.userIds()) {
                Set<String> groups = ledger.groupsOf(user);
                if (!Collections.disjoint(groups, reach) && reach.addAll(groups)) {
                    grew = true;
                }
            }
        }
        return reach;
    }

    private static World replay(Policy policy, List<Action> history) {
        World world = new World(policy);
        history.forEach(world::step);
        return world;
    }
}
