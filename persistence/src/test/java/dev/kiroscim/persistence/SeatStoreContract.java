package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.EntitlementReader;
import dev.kiroscim.core.seats.InMemorySeatLedger;
import dev.kiroscim.core.seats.MonthlyBudgets;
import dev.kiroscim.core.seats.SeatAllocator;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.testsupport.PropertyCheck;
import dev.kiroscim.core.transaction.Directory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL seat ledger must behave exactly like {@link InMemorySeatLedger}, the reference the allocator's rules are
 * tested on. Random sequences of joins, leaves, (de)activations, deletions, expiries and reloads run against both;
 * after every step the allocator's events, every user's seat and entitlement, and every pool's queue length must be
 * equal. The SQL side goes through the real SCIM tables: pool A names its group by displayName in another case,
 * pool C names its group by externalId.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class SeatStoreContract extends OnBothDatabases {

    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
    private static final List<Tier> TIERS = List.of(
            new Tier("PRO", "kiro-pro", BigDecimal.valueOf(20), 0),
            new Tier("PRO_PLUS", "kiro-pro-plus", BigDecimal.valueOf(40), 1),
            new Tier("POWER", "kiro-power", BigDecimal.valueOf(200), 2));
    private static final int USERS = 7;
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** The same tiers with a PRO_PLUS budget of two seats a month, across its pools. */
    private static final List<Tier> BUDGETED_TIERS = List.of(
            TIERS.get(0),
            new Tier(
                    "PRO_PLUS",
                    "kiro-pro-plus",
                    BigDecimal.valueOf(40),
                    1,
                    Optional.empty(),
                    Optional.of(BigDecimal.valueOf(80))),
            TIERS.get(2));

    /** MONTH: the clock jumps to the start of the next month, where the month-boundary check runs. */
    enum Kind {
        JOIN,
        LEAVE,
        DEACTIVATE,
        ACTIVATE,
        DELETE,
        TICK,
        MONTH,
        RELOAD
    }

    /** One directory change (or clock tick, or policy reload) followed by the allocation step it triggers. */
    record Step(Kind kind, int user, int group, int minutes) {
        @Override
        public String toString() {
            return kind + " u" + user + (kind == Kind.JOIN || kind == Kind.LEAVE ? " g" + group : "")
                    + (kind == Kind.TICK ? " +" + minutes + "min" : "");
        }
    }

    static List<Step> steps(Random random) {
        List<Step> steps = new ArrayList<>();
        int n = 25 + random.nextInt(25);
        for (int i = 0; i < n; i++) {
            int roll = random.nextInt(100);
            Kind kind = roll < 45
                    ? Kind.JOIN
                    : roll < 60
                            ? Kind.LEAVE
                            : roll < 70
                                    ? Kind.DEACTIVATE
                                    : roll < 80
                                            ? Kind.ACTIVATE
                                            : roll < 84
                                                    ? Kind.DELETE
                                                    : roll < 91 ? Kind.TICK : roll < 95 ? Kind.MONTH : Kind.RELOAD;
            steps.add(new Step(kind, random.nextInt(USERS), random.nextInt(3), 1 + random.nextInt(3) * 15));
        }
        return steps;
    }

    @Test
    void theSqlLedgerAgreesWithTheInMemoryReferenceAfterEveryStep() {
        PropertyCheck.forAll("SQL ledger == in-memory ledger", 12, SeatStoreContract::steps, this::replay);
    }

    @Test
    void theAllocationLockSerialisesTwoTransactions() throws Exception {
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread first = new Thread(() -> db.write(tx -> {
            tx.seats().lockForAllocation(T0);
            order.add("first locked");
            locked.countDown();
            await(release);
            order.add("first commits");
            return null;
        }));
        first.start();
        locked.await();
        Thread second = new Thread(() -> db.write(tx -> {
            tx.seats().lockForAllocation(T0);
            order.add("second locked");
            return null;
        }));
        second.start();
        second.join(300); // the second must still be waiting for the lock
        order.add("released");
        release.countDown();
        first.join();
        second.join();
        assertThat(order).containsExactly("first locked", "released", "first commits", "second locked");
    }

    @Test
    void stepInstantsIncreaseInLockOrderWhateverTheProposedTimes() {
        Instant later = Instant.parse("2031-01-01T00:00:00Z");
        Instant first = db.write(tx -> tx.seats().lockForAllocation(later));
        Instant second = db.write(tx -> tx.seats().lockForAllocation(T0));
        Instant third = db.write(tx -> tx.seats().lockForAllocation(later.plusSeconds(60)));
        assertThat(first).isEqualTo(later);
        assertThat(second)
                .as("a request that took the lock later counts as later")
                .isEqualTo(later.plusMillis(1));
        assertThat(third).isEqualTo(later.plusSeconds(60));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the steps on an empty directory: expiry and reloads look at every seat, so runs must not see each other's
     * (this class owns its database). Ids still differ per run, which keeps a failure message unambiguous.
     */
    private void replay(List<Step> steps) {
        db.write(tx -> {
            tx.seats().lockForAllocation(T0);
            ((SqlSeatStore) tx.seats()).resetForTests();
            return null;
        });
        String run = "r" + RUNS.incrementAndGet() + "-";
        String[] poolGroups = {"kiro-a-" + run, "Kiro-B-" + run, "EXT-C-" + run};
        String[] displayNames = {"KIRO-A-" + run, "Kiro-B-" + run, "Group-C-" + run};
        String[] externalIds = {null, null, "ext-c-" + run};
        // Budgets bind too: pool A's $40 is two PRO seats a month below its cap of 3, and PRO_PLUS's $80 spans pools.
        Policy[] policies = {
            new Policy(
                    BUDGETED_TIERS,
                    List.of(
                            budgeted(pool(poolGroups[0], "PRO", 3, null), 40),
                            pool(poolGroups[1], "PRO_PLUS", 1, Duration.ofMinutes(30)),
                            pool(poolGroups[2], "POWER", 1, null))),
            new Policy(
                    BUDGETED_TIERS,
                    List.of(pool(poolGroups[0], "PRO_PLUS", 1, null), pool(poolGroups[1], "PRO_PLUS", 2, null)))
        };
        String[] groupIds = new String[3];
        String[] userIds = new String[USERS];
        boolean[] deleted = new boolean[USERS];
        InMemorySeatLedger reference = new InMemorySeatLedger();
        SeatAllocator referenceAllocator = new SeatAllocator(reference);
        db.write(tx -> {
            for (int g = 0; g < 3; g++) {
                groupIds[g] = run + "g" + g;
                tx.groups().insert(new GroupRecord(groupIds[g], displayNames[g], externalIds[g], "{}", 1, T0, T0));
            }
            for (int u = 0; u < USERS; u++) {
                userIds[u] = run + "u" + u;
                tx.users().insert(user(userIds[u], true), List.of());
                reference.putUser(userIds[u], true);
            }
            return null;
        });
        int policyIndex = 0;
        Instant now = T0;
        for (Step step : steps) {
            Policy policy = policies[policyIndex];
            String userId = userIds[step.user()];
            if (deleted[step.user()] && step.kind() != Kind.TICK && step.kind() != Kind.RELOAD) {
                continue;
            }
            now = step.kind() == Kind.MONTH
                    ? java.time.YearMonth.from(now.atZone(java.time.ZoneOffset.UTC))
                            .plusMonths(1)
                            .atDay(1)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant()
                            .plus(Duration.ofMinutes(step.minutes()))
                    : now.plus(Duration.ofMinutes(step.kind() == Kind.TICK ? step.minutes() : 1));
            Instant at = now;
            int g = step.group();
            List<SeatEvent> expected;
            Function<SeatAllocator, List<SeatEvent>> allocate;
            switch (step.kind()) {
                case JOIN -> {
                    reference.join(userId, poolGroups[g], at);
                    allocate = a -> a.settle(policy, Set.of(userId), at);
                }
                case LEAVE -> {
                    reference.leave(userId, poolGroups[g]);
                    allocate = a -> a.settle(policy, Set.of(userId), at);
                }
                case DEACTIVATE, ACTIVATE -> {
                    reference.setActive(userId, step.kind() == Kind.ACTIVATE);
                    allocate = a -> a.settle(policy, Set.of(userId), at);
                }
                case DELETE -> {
                    reference.deleteUser(userId);
                    deleted[step.user()] = true;
                    allocate = a -> a.settle(policy, Set.of(userId), at);
                }
                case TICK -> allocate = a -> a.expireDue(policy, at);
                case MONTH -> allocate = a -> a.openMonth(policy, at);
                default -> {
                    policyIndex = 1 - policyIndex;
                    Policy next = policies[policyIndex];
                    allocate = a -> a.recomputeAll(next, at);
                }
            }
            expected = allocate.apply(referenceAllocator);
            Policy current = policies[policyIndex];
            Instant[] stepAt = new Instant[1];
            List<SeatEvent> actual = db.write(tx -> {
                applyToDirectory(tx, step, userId, groupIds[g], at);
                SeatStore seats = tx.seats();
                stepAt[0] = seats.lockForAllocation(at);
                return allocate.apply(new SeatAllocator(seats));
            });
            assertThat(stepAt[0]).as("step instant of %s", step).isEqualTo(at);
            assertThat(actual).as("events of %s", step).isEqualTo(expected);
            assertSameState(reference, current, userIds, step);
            assertSameCharges(reference, current, userIds, at, step);
        }
    }

    private void applyToDirectory(Directory tx, Step step, String userId, String groupId, Instant at) {
        switch (step.kind()) {
            case JOIN -> tx.groups().addMembers(groupId, List.of(userId), at);
            case LEAVE -> tx.groups().removeMembers(groupId, List.of(userId));
            case DEACTIVATE, ACTIVATE -> {
                UserRecord current = tx.users().findForUpdate(userId).orElseThrow();
                tx.users()
                        .update(
                                new UserRecord(
                                        current.id(),
                                        current.userName(),
                                        null,
                                        null,
                                        step.kind() == Kind.ACTIVATE,
                                        current.document(),
                                        current.version() + 1,
                                        current.created(),
                                        at),
                                List.of());
            }
            case DELETE -> tx.users().delete(userId);
            default -> {}
        }
    }

    private void assertSameState(InMemorySeatLedger reference, Policy policy, String[] userIds, Step step) {
        db.read(tx -> {
            SeatStore seats = tx.seats();
            Map<String, Object> expected = new TreeMap<>();
            Map<String, Object> actual = new TreeMap<>();
            EntitlementReader expectedReader = new EntitlementReader(reference);
            EntitlementReader actualReader = new EntitlementReader(seats);
            for (String id : userIds) {
                expected.put(id + " seat", reference.seatOf(id));
                actual.put(id + " seat", seats.seatOf(id));
                expected.put(id + " entitlement", expectedReader.read(policy, id));
                actual.put(id + " entitlement", actualReader.read(policy, id));
            }
            for (Pool pool : policy.pools()) {
                expected.put(pool.group() + " waiting", reference.countWaiting(pool.group(), policy.tiersBelow(pool)));
                actual.put(pool.group() + " waiting", seats.countWaiting(pool.group(), policy.tiersBelow(pool)));
                expected.put(pool.group() + " assigned", reference.countAssigned(pool.group()));
                actual.put(pool.group() + " assigned", seats.countAssigned(pool.group()));
            }
            assertThat(actual).as("state after %s", step).isEqualTo(expected);
            return null;
        });
    }

    /** The month's charges and committed cost per pool and tier agree too (what budgets are judged by). */
    private void assertSameCharges(
            InMemorySeatLedger reference, Policy policy, String[] userIds, Instant at, Step step) {
        java.time.YearMonth month = MonthlyBudgets.monthOf(at);
        db.read(tx -> {
            Map<String, Object> expected = new TreeMap<>();
            Map<String, Object> actual = new TreeMap<>();
            expected.put("month", reference.chargesMonth());
            actual.put("month", tx.seats().chargesMonth());
            for (String id : userIds) {
                expected.put(id + " charge", reference.chargeOf(id, month));
                actual.put(id + " charge", tx.seats().chargeOf(id, month));
            }
            MonthlyBudgets expectedBudgets = new MonthlyBudgets(reference, policy, month);
            MonthlyBudgets actualBudgets = new MonthlyBudgets(tx.seats(), policy, month);
            for (Pool pool : policy.pools()) {
                expected.put(pool.group() + " committed", expectedBudgets.committedUsd(BudgetScope.pool(pool.group())));
                actual.put(pool.group() + " committed", actualBudgets.committedUsd(BudgetScope.pool(pool.group())));
            }
            for (Tier tier : policy.tiers()) {
                expected.put(tier.name() + " committed", expectedBudgets.committedUsd(BudgetScope.tier(tier.name())));
                actual.put(tier.name() + " committed", actualBudgets.committedUsd(BudgetScope.tier(tier.name())));
            }
            assertThat(actual).as("charges after %s", step).isEqualTo(expected);
            return null;
        });
    }

    private static Pool pool(String group, String tier, int seats, Duration maxGrant) {
        return new Pool(group, tier, OptionalInt.of(seats), Optional.ofNullable(maxGrant));
    }

    private static Pool budgeted(Pool pool, int monthlyBudgetUsd) {
        return new Pool(
                pool.group(),
                pool.tier(),
                pool.seats(),
                pool.maxGrant(),
                pool.reclaim(),
                Optional.of(BigDecimal.valueOf(monthlyBudgetUsd)));
    }

    private static UserRecord user(String id, boolean active) {
        return new UserRecord(id, id, null, null, active, "{\"userName\":\"" + id + "\"}", 1, T0, T0);
    }
}
