package dev.kiroscim.core.seats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.billing.BillingRules;
import dev.kiroscim.core.billing.OverageTerms;
import dev.kiroscim.core.policy.CostTerms;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test (or table) per budget rule ({@code monthlyBudgetUsd}, docs/entitlements.md "Monthly budgets"), on the
 * in-memory ledger. Prices are Kiro's: PRO $20, PRO_PLUS $40, POWER $200. January 2026 has 31 days.
 */
class BudgetRulesTest {
    private static final String DEV = "Kiro-Developers";
    private static final String CONTRACTORS = "Kiro-Contractors";
    private static final String PLATFORM = "Kiro-Platform";
    private static final Instant JAN_5 = Instant.parse("2026-01-05T09:00:00Z");

    private static Tier tier(String name, int price, int rank, Integer budget) {
        return new Tier(
                name,
                "kiro-" + name.toLowerCase(),
                BigDecimal.valueOf(price),
                rank,
                Optional.empty(),
                Optional.ofNullable(budget).map(BigDecimal::valueOf));
    }

    private static List<Tier> tiers(Integer proBudget) {
        return List.of(tier("PRO", 20, 0, proBudget), tier("PRO_PLUS", 40, 1, null), tier("POWER", 200, 2, null));
    }

    private static Pool pool(String group, String tier, String budget) {
        return new Pool(
                group,
                tier,
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(budget).map(BigDecimal::new));
    }

    private static SeatScenario scenario(Pool... pools) {
        SeatScenario s = new SeatScenario(new Policy(tiers(null), List.of(pools)));
        s.now = JAN_5;
        return s;
    }

    /** Hires users one minute apart, in this order, into the group. */
    private static void hire(SeatScenario s, String group, String... users) {
        for (String user : users) {
            s.hire(user, group).advance(Duration.ofMinutes(1));
        }
    }

    private static long holders(SeatScenario s, String group) {
        return s.ledger.seats().values().stream()
                .filter(seat -> seat.pool().equals(group))
                .count();
    }

    /** Rule B1: a pool grants seats while the month's committed cost stays within its budget, and not one more. */
    @ParameterizedTest(name = "budget {0} at $20 a seat: {1} of 7 get a seat")
    @CsvSource({"100, 5", "99.99, 4", "20, 1", "19.99, 0", "0, 0", "1000, 7"})
    void b1_aPoolGrantsUpToItsBudget(String budget, int seats) {
        SeatScenario s = scenario(pool(DEV, "PRO", budget));
        hire(s, DEV, "u1", "u2", "u3", "u4", "u5", "u6", "u7");

        assertThat(holders(s, DEV)).isEqualTo(seats);
        for (int i = 1; i <= 7; i++) {
            assertThat(s.seat("u" + i)).as("u%d (FIFO)", i).isEqualTo(i <= seats ? DEV + "/PRO" : "-");
        }
    }

    /** Rule B1, explained: the waiting user's event names the budget, what is committed, and when the month ends. */
    @Test
    void b1_theWaitlistedReasonNamesTheBudget() {
        SeatScenario s = scenario(pool(PLATFORM, "PRO_PLUS", "400"));
        for (int i = 0; i < 10; i++) {
            s.hire("h" + i, PLATFORM);
        }
        s.events.clear();
        s.hire("cid", PLATFORM);

        assertThat(s.seat("cid")).isEqualTo("-");
        assertThat(s.events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SeatEvent.Type.WAITLISTED);
            assertThat(e.reason())
                    .isEqualTo("budget for Kiro-Platform exhausted this month (USD 400.00 of 400.00); "
                            + "next month starts on 2026-02-01; position 1 in its queue");
        });
    }

    @Test
    void b1_whileALittleIsLeftTheReasonSaysWhatASeatCosts() {
        MonthlyBudgets.Refusal refusal = new MonthlyBudgets.Refusal(
                BudgetScope.tier("POWER"),
                new BigDecimal("500.00"),
                new BigDecimal("400.00"),
                new BigDecimal("200.00"),
                LocalDate.parse("2027-01-01"));
        assertThat(refusal.explain())
                .isEqualTo("budget for tier POWER exhausted this month (USD 400.00 of 500.00, "
                        + "and a seat costs USD 200.00); next month starts on 2027-01-01");
    }

    /** Rule B2: a seat released this month stays charged to the month's end, so it does not free budget. */
    @Test
    void b2_aReleasedSeatStaysChargedThisMonth() {
        SeatScenario s = scenario(pool(DEV, "PRO", "40"));
        hire(s, DEV, "ann", "bob", "cid");
        assertThat(s.seat("cid")).isEqualTo("-");

        s.leave("ann", DEV);

        assertThat(s.seat("cid")).as("ann's $20 is spent for January").isEqualTo("-");
        assertThat(committed(s, BudgetScope.pool(DEV))).isEqualByComparingTo("40");
    }

    /** Rule B3: at the month boundary holders are charged again, last month's releases no longer count, and the queue moves in order. */
    @Test
    void b3_theNextMonthServesTheQueueInOrder() {
        SeatScenario s = scenario(pool(DEV, "PRO", "60"));
        hire(s, DEV, "ann", "bob", "cid", "dee", "eve", "fay");
        s.leave("ann", DEV);
        assertThat(List.of(s.seat("dee"), s.seat("eve"), s.seat("fay"))).containsOnly("-");

        s.now = Instant.parse("2026-02-01T00:00:00Z");
        s.events.clear();
        s.events.addAll(s.allocator.openMonth(s.policy, s.now));

        assertThat(s.drainEvents()).containsExactly("PROMOTED dee " + DEV + " PRO");
        assertThat(committed(s, BudgetScope.pool(DEV)))
                .as("bob, cid carried over; dee new")
                .isEqualByComparingTo("60");
        assertThat(s.allocator.openMonth(s.policy, s.now.plusSeconds(60)))
                .as("a month opens once")
                .isEmpty();
    }

    /** Rule B3: any allocation step of a new month opens it, not only the month-boundary job. */
    @Test
    void b3_anyStepOfANewMonthOpensIt() {
        SeatScenario s = scenario(pool(DEV, "PRO", "20"), pool(PLATFORM, "PRO_PLUS", null));
        hire(s, DEV, "ann", "bob");
        s.leave("ann", DEV);
        assertThat(s.seat("bob")).isEqualTo("-");

        s.now = Instant.parse("2026-02-03T10:00:00Z");
        s.hire("zed", PLATFORM);

        assertThat(s.seat("bob")).isEqualTo(DEV + "/PRO");
        assertThat(s.seat("zed")).isEqualTo(PLATFORM + "/PRO_PLUS");
    }

    /** Rule B4: an upgrade moves the user's charge to the higher pool and tier; the lower one is refunded and frees budget. */
    @Test
    void b4_anUpgradeRefundsTheLowerPool() {
        SeatScenario s = scenario(pool(PLATFORM, "PRO_PLUS", null), pool(DEV, "PRO", "40"));
        hire(s, DEV, "ann", "bob", "cid");
        assertThat(s.seat("cid")).isEqualTo("-");

        s.events.clear();
        s.join("ann", PLATFORM);

        assertThat(s.seat("ann")).isEqualTo(PLATFORM + "/PRO_PLUS");
        assertThat(s.seat("cid")).isEqualTo(DEV + "/PRO");
        assertThat(committed(s, BudgetScope.pool(DEV))).isEqualByComparingTo("40");
        assertThat(committed(s, BudgetScope.pool(PLATFORM))).isEqualByComparingTo("40");
    }

    /** Rule B5: a user already charged this month at the pool's tier or higher costs nothing more and is not refused. */
    @Test
    void b5_aUserAlreadyChargedThisMonthCostsNothingMore() {
        SeatScenario s = scenario(pool(DEV, "PRO", "20"));
        hire(s, DEV, "ann");
        s.leave("ann", DEV);
        s.join("ann", DEV);

        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
        assertThat(committed(s, BudgetScope.pool(DEV))).isEqualByComparingTo("20");
    }

    /** Rule B6: the queue stays FIFO: nobody passes a refused user, even one whose seat would cost nothing more. */
    @Test
    void b6_nobodyPassesTheRefusedFirstInLine() {
        SeatScenario s = scenario(pool(DEV, "PRO", "20"));
        hire(s, DEV, "ann");
        s.leave("ann", DEV);
        hire(s, DEV, "bob");
        s.join("ann", DEV);

        assertThat(s.seat("bob")).isEqualTo("-");
        assertThat(s.seat("ann")).as("behind bob, though already paid for").isEqualTo("-");
    }

    /** Rule B7: a tier's budget spans its pools; pools draw on it in preference (file) order. */
    @Test
    void b7_aTierBudgetSpansItsPools() {
        SeatScenario s = new SeatScenario(
                new Policy(tiers(60), List.of(pool(DEV, "PRO", null), pool(CONTRACTORS, "PRO", null))));
        s.now = JAN_5;
        hire(s, DEV, "ann", "bob");
        hire(s, CONTRACTORS, "cid", "dee");

        assertThat(List.of(s.seat("ann"), s.seat("bob"), s.seat("cid"), s.seat("dee")))
                .containsExactly(DEV + "/PRO", DEV + "/PRO", CONTRACTORS + "/PRO", "-");
        assertThat(s.events.get(s.events.size() - 1).reason())
                .startsWith("budget for tier PRO exhausted this month (USD 60.00 of 60.00)");
    }

    /** Rule B8: with billing.newSeats: prorated a seat granted mid-month costs the rest of the month. */
    @Test
    void b8_proratedNewSeatsCostTheRestOfTheMonth() {
        Policy prorated = new Policy(
                tiers(null),
                List.of(pool(DEV, "PRO", "20")),
                new CostTerms(
                        OverageTerms.DISABLED,
                        BillingRules.UpgradeOverage.RERATE,
                        BillingRules.NewSeatCharge.PRORATED));
        SeatScenario s = new SeatScenario(prorated);
        s.now = Instant.parse("2026-01-17T09:00:00Z"); // 15 of 31 days left: 20 × 15 / 31 = 9.68
        hire(s, DEV, "ann", "bob", "cid");

        assertThat(List.of(s.seat("ann"), s.seat("bob"), s.seat("cid")))
                .containsExactly(DEV + "/PRO", DEV + "/PRO", "-");
        assertThat(s.events.get(s.events.size() - 1).reason())
                .isEqualTo(
                        "budget for Kiro-Developers exhausted this month "
                                + "(USD 19.36 of 20.00, and a seat costs USD 9.68); next month starts on 2026-02-01; position 1 in its queue");
    }

    /** Rule B9: budget.exhausted is reported once per scope and month, and again in the next month. */
    @Test
    void b9_budgetExhaustedIsReportedOncePerScopeAndMonth() {
        SeatScenario s = scenario(pool(DEV, "PRO", "20"));
        hire(s, DEV, "ann", "bob");
        assertThat(s.allocator.drainBudgetsExhausted())
                .containsExactly(new BudgetExhausted(
                        BudgetScope.pool(DEV),
                        YearMonth.of(2026, 1),
                        new BigDecimal("20.00"),
                        new BigDecimal("20.00"),
                        LocalDate.parse("2026-02-01")));
        hire(s, DEV, "cid");
        assertThat(s.allocator.drainBudgetsExhausted()).as("same month").isEmpty();

        s.now = Instant.parse("2026-02-01T00:00:05Z");
        s.events.addAll(s.allocator.openMonth(s.policy, s.now));
        assertThat(s.allocator.drainBudgetsExhausted())
                .extracting(BudgetExhausted::month)
                .containsExactly(YearMonth.of(2026, 2));
    }

    /** Rule B10: lowering a budget below what is committed takes no seat away; it only stops new grants. */
    @Test
    void b10_aLowerBudgetTakesNoSeatAway() {
        SeatScenario s = scenario(pool(DEV, "PRO", "100"));
        hire(s, DEV, "ann", "bob", "cid");
        s.reload(new Policy(tiers(null), List.of(pool(DEV, "PRO", "20"))));
        hire(s, DEV, "dee");

        assertThat(List.of(s.seat("ann"), s.seat("bob"), s.seat("cid"), s.seat("dee")))
                .containsExactly(DEV + "/PRO", DEV + "/PRO", DEV + "/PRO", "-");
    }

    /** Rule B10: raising it serves the queue at once. */
    @Test
    void b10_aHigherBudgetServesTheQueue() {
        SeatScenario s = scenario(pool(DEV, "PRO", "20"));
        hire(s, DEV, "ann", "bob", "cid");
        s.reload(new Policy(tiers(null), List.of(pool(DEV, "PRO", "40"))));

        assertThat(List.of(s.seat("ann"), s.seat("bob"), s.seat("cid")))
                .containsExactly(DEV + "/PRO", DEV + "/PRO", "-");
    }

    /** A cap and a budget both hold: whichever binds first stops the pool. */
    @ParameterizedTest(name = "cap {0}, budget {1}: {2} seats")
    @CsvSource({"2, 100, 2", "5, 40, 2", "3, 60, 3"})
    void aCapAndABudgetBothHold(int cap, String budget, int seats) {
        SeatScenario s = scenario(new Pool(
                DEV,
                "PRO",
                OptionalInt.of(cap),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new BigDecimal(budget))));
        hire(s, DEV, "u1", "u2", "u3", "u4", "u5", "u6");
        assertThat(holders(s, DEV)).isEqualTo(seats);
    }

    private static BigDecimal committed(SeatScenario s, BudgetScope scope) {
        return new MonthlyBudgets(s.ledger, s.policy, MonthlyBudgets.monthOf(s.now)).committedUsd(scope);
    }
}
