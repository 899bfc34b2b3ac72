package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.explain.Check;
import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.MonthlyBudgets;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.service.SeatAllocationListener;
import dev.kiroscim.core.testsupport.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Monthly budgets on a real database: the SCIM-side allocation step and the month-boundary job ({@link ManageSeats#openMonth})
 * with an injected clock, the {@code budget.exhausted} audit event, explain's wording, and concurrent steps that must
 * never overspend (the allocation lock serialises them across connections, as across replicas).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BudgetsContract {

    private static final Instant DEC_30 = Instant.parse("2026-12-30T12:00:00Z");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private Database db;

    abstract DatabaseConfig config();

    @BeforeAll
    void open() {
        db = Database.open(config());
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** A PRO pool ($20 a seat) of its own per test, with this monthly budget and no cap. */
    private static Policy policy(String group, int monthlyBudgetUsd) {
        return new Policy(
                List.of(new Tier("PRO", "kiro-pro", BigDecimal.valueOf(20), 0)),
                List.of(new Pool(
                        group,
                        "PRO",
                        OptionalInt.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(BigDecimal.valueOf(monthlyBudgetUsd)))));
    }

    private GroupRecord createGroupAndUsers(String group, List<String> users) {
        GroupRecord record = new GroupRecord(group + "-id", group, null, "{}", 1, DEC_30, DEC_30);
        db.write(tx -> {
            tx.groups().insert(record);
            for (String id : users) {
                tx.users()
                        .insert(
                                new UserRecord(
                                        id, id, null, null, true, "{\"userName\":\"" + id + "\"}", 1, DEC_30, DEC_30),
                                List.of());
            }
            return null;
        });
        return record;
    }

    /** One SCIM request adding the user to the group: the membership and its allocation step in one transaction. */
    private void join(SeatAllocationListener listener, GroupRecord group, String userId, Instant at) {
        db.write(tx -> {
            tx.groups().addMembers(group.id(), List.of(userId), at);
            listener.onChanges(
                    tx, ManageSeats.system(at), List.of(new DirectoryChange.MembersAdded(group, List.of(userId))));
            return null;
        });
    }

    private void leave(SeatAllocationListener listener, GroupRecord group, String userId, Instant at) {
        db.write(tx -> {
            tx.groups().removeMembers(group.id(), List.of(userId));
            listener.onChanges(
                    tx, ManageSeats.system(at), List.of(new DirectoryChange.MembersRemoved(group, List.of(userId))));
            return null;
        });
    }

    private List<String> holders(String group) {
        return db.read(tx ->
                tx.seats().seatsIn(group).stream().map(s -> s.userId()).sorted().toList());
    }

    private BigDecimal committed(Policy policy, YearMonth month, String group) {
        BigDecimal[] sum = new BigDecimal[1];
        db.read(tx -> {
            sum[0] = new MonthlyBudgets(tx.seats(), policy, month).committedUsd(BudgetScope.pool(group));
            return null;
        });
        return sum[0];
    }

    private List<AuditEvent> budgetEvents(String group) {
        return db
                .read(tx -> tx.audit()
                        .query(new AuditQuery(
                                null, null, null, List.of(AuditEvents.BUDGET_EXHAUSTED), null, null, 1000, 0)))
                .events()
                .stream()
                .filter(e -> group.equals(e.details().get("pool")))
                .toList();
    }

    @Test
    void theMonthBoundaryJobServesTheQueueInOrderAndBudgetExhaustedIsWrittenOncePerMonth() {
        String run = "b" + RUNS.incrementAndGet() + "-";
        String group = "Budget-" + run + "Pool";
        List<String> users = List.of(run + "ann", run + "bob", run + "cid", run + "dee");
        GroupRecord g = createGroupAndUsers(group, users);
        Policy policy = policy(group, 40);
        MutableClock clock = new MutableClock(DEC_30);
        ManageSeats seats = new ManageSeats(db, new PolicyInForce(policy, "test", "budgets-" + run));
        SeatAllocationListener listener = new SeatAllocationListener(() -> policy);
        for (String user : users) {
            clock.advance(Duration.ofMinutes(1));
            join(listener, g, user, clock.instant());
        }
        assertThat(holders(group)).containsExactly(run + "ann", run + "bob");

        clock.advance(Duration.ofMinutes(1));
        leave(listener, g, run + "ann", clock.instant());
        assertThat(holders(group)).as("ann's seat stays charged in December").containsExactly(run + "bob");

        Check seat = new ExplainAccess(db, () -> policy, () -> "plan-only", clock)
                .explain(run + "cid")
                .checks()
                .get(2);
        assertThat(seat.message())
                .isEqualTo(
                        "Waiting for a seat: pool '" + group + "': budget for " + group + " exhausted this "
                                + "month (USD 40.00 of 40.00); next month starts on 2027-01-01, position 1 in line. A seat is given at once when one "
                                + "frees and the budget allows it, or raise the pool's seats or monthlyBudgetUsd in the policy.");
        assertThat(budgetEvents(group))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .isEqualTo(Map.of(
                                "pool",
                                group,
                                "month",
                                "2026-12",
                                "budgetUsd",
                                "40.00",
                                "spentUsd",
                                "40.00",
                                "nextMonthStarts",
                                "2027-01-01")));
        assertThat(seats.openMonth(ManageSeats.system(clock.instant())))
                .as("December is open already")
                .isEmpty();

        clock.set(Instant.parse("2027-01-01T00:00:02Z"));
        List<SeatEvent> january = seats.openMonth(ManageSeats.system(clock.instant()));

        assertThat(january).extracting(e -> e.type() + " " + e.userId()).containsExactly("PROMOTED " + run + "cid");
        assertThat(holders(group)).containsExactly(run + "bob", run + "cid");
        assertThat(budgetEvents(group))
                .extracting(e -> e.details().get("month"))
                .containsExactly("2026-12", "2027-01");
        assertThat(committed(policy, YearMonth.of(2027, 1), group)).isEqualByComparingTo("40");
        assertThat(seats.budgets(clock.instant()))
                .filteredOn(b -> b.scope().equals(BudgetScope.pool(group)))
                .singleElement()
                .satisfies(b -> {
                    assertThat(b.budgetUsd()).contains(BigDecimal.valueOf(40));
                    assertThat(b.committedUsd()).isEqualByComparingTo("40");
                });
        clock.advance(Duration.ofSeconds(5));
        assertThat(seats.openMonth(ManageSeats.system(clock.instant())))
                .as("the job's next run")
                .isEmpty();
    }

    /**
     * Concurrent SCIM requests on separate connections (as on two replicas) add 24 users to a pool whose budget buys
     * 5 seats: exactly 5 are granted, to the first 5 by join time, and the committed cost never passes the budget.
     */
    @Test
    void concurrentStepsNeverOverspend() throws Exception {
        String run = "c" + RUNS.incrementAndGet() + "-";
        String group = "Race-" + run + "Pool";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            users.add(run + "u" + (i < 10 ? "0" : "") + i);
        }
        GroupRecord g = createGroupAndUsers(group, users);
        Policy policy = policy(group, 100);
        SeatAllocationListener listener = new SeatAllocationListener(() -> policy);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int first = t;
                done.add(threads.submit(() -> {
                    for (int i = first; i < users.size(); i += 2) {
                        join(listener, g, users.get(i), DEC_30.plusMillis(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> firstByJoinTime = db.read(tx -> tx.seats().firstWaiting(group, java.util.Set.of(), 100)).stream()
                .map(w -> w.userId())
                .toList();
        List<String> holders = holders(group);
        assertThat(holders).hasSize(5);
        assertThat(firstByJoinTime).hasSize(19).doesNotContainAnyElementsOf(holders);
        assertThat(committed(policy, YearMonth.of(2026, 12), group)).isEqualByComparingTo("100");
        assertThat(budgetEvents(group)).hasSize(1);
        List<String> joinOrder = db.read(tx -> users.stream()
                .sorted(java.util.Comparator.comparing(
                                (String u) -> tx.seats().joinedAt(u, group).orElseThrow())
                        .thenComparing(u -> u))
                .toList());
        assertThat(holders)
                .as("FIFO by join time, whatever the thread interleaving")
                .containsExactlyInAnyOrderElementsOf(joinOrder.subList(0, 5));
    }
}
