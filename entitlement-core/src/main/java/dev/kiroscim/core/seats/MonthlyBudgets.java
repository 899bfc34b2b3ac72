package dev.kiroscim.core.seats;

import dev.kiroscim.core.billing.KiroBilling;
import dev.kiroscim.core.billing.SeatSpan;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code monthlyBudgetUsd} rule: no grant may push the cost committed this month for a pool, or for a tier
 * across its pools, over its budget.
 *
 * <p><b>Committed cost</b> is what the invoice will bill for seats this month, by {@link KiroBilling}'s rules and the
 * policy's prices: every user who held a seat at any moment of the (UTC) month costs one charge, at the highest tier
 * held, counted against the pool that seat came from. So a seat carried over from last month is charged again, a
 * seat released this month stays charged to the month's end, an upgrade moves the user's charge to the higher tier and
 * pool (the lower one is refunded), and a downgrade changes nothing this month. A new seat costs the full price, or
 * the prorated price under {@code billing.newSeats: prorated}. Overage is not counted: it is usage, billed on top, and
 * no grant decides it.
 *
 * <p><b>Example</b> (full-month charges). Kiro-Platform (PRO_PLUS, $40) has {@code monthlyBudgetUsd: 400}. On
 * 1 December nine holders carry over ($360). Ann is granted a seat on the 2nd ($400). Bob leaves on the 3rd: still
 * $400, so Cid, first in line, is refused and waits: "budget for Kiro-Platform exhausted this month (USD 400.00 of
 * 400.00); next month starts on 2027-01-01". On 1 January the nine remaining holders cost $360 again, and Cid gets
 * the free $40.
 *
 * <p>A user already charged this month at the pool's tier or higher costs nothing more, so their grant is never
 * refused (it is still given in queue order). One instance serves one allocation step under the allocation lock: it
 * caches the committed sums it has read and keeps them current as the step commits charges.
 */
public final class MonthlyBudgets {

    private final SeatLedger ledger;
    private final Policy policy;
    private final YearMonth month;
    private final KiroBilling billing;
    private final Map<String, BigDecimal> priceOf = new HashMap<>();
    private final Map<BudgetScope, BigDecimal> committed = new HashMap<>();

    public MonthlyBudgets(SeatLedger ledger, Policy policy, YearMonth month) {
        this.ledger = ledger;
        this.policy = policy;
        this.month = month;
        this.billing = new KiroBilling(policy.billingRules());
    }

    /** The billing month of an instant: UTC calendar months, like Kiro's (assumption A-9). */
    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }

    public YearMonth month() {
        return month;
    }

    /** The day the next month, and so a fresh budget, starts. */
    public LocalDate nextMonthStarts() {
        return month.plusMonths(1).atDay(1);
    }

    /** The scopes with a budget that a grant in this pool counts against: the pool's, then its tier's. */
    public List<BudgetScope> scopesOf(Pool pool) {
        List<BudgetScope> scopes = new ArrayList<>();
        if (pool.monthlyBudgetUsd().isPresent()) {
            scopes.add(BudgetScope.pool(pool.group()));
        }
        policy.tier(pool.tier())
                .flatMap(Tier::monthlyBudgetUsd)
                .ifPresent(b -> scopes.add(BudgetScope.tier(pool.tier())));
        return scopes;
    }

    /** Every scope of the policy that has a budget: pools in file order, then tiers lowest first. */
    public List<BudgetScope> budgetedScopes() {
        List<BudgetScope> scopes = new ArrayList<>();
        policy.pools().stream()
                .filter(p -> p.monthlyBudgetUsd().isPresent())
                .forEach(p -> scopes.add(BudgetScope.pool(p.group())));
        policy.tiers().stream()
                .filter(t -> t.monthlyBudgetUsd().isPresent())
                .forEach(t -> scopes.add(BudgetScope.tier(t.name())));
        return scopes;
    }

    public Optional<BigDecimal> budgetOf(BudgetScope scope) {
        return scope.kind() == BudgetScope.Kind.POOL
                ? policy.pool(scope.name()).flatMap(Pool::monthlyBudgetUsd)
                : policy.tier(scope.name()).flatMap(Tier::monthlyBudgetUsd);
    }

    /** What one charge costs by the invoice rules: the tier's price, prorated from its first day when configured. */
    public BigDecimal priceOf(String tier, int firstDay) {
        return priceOf.computeIfAbsent(tier + "|" + firstDay, k -> {
            Instant since = firstDay == MonthCharge.HELD_AT_START
                    ? KiroBilling.start(month).minusMillis(1)
                    : month.atDay(firstDay).atStartOfDay(ZoneOffset.UTC).toInstant();
            return billing.bill(month, List.of(new SeatSpan(tier, "", since, null)), List.of())
                    .map(bill -> bill.basePriceUsd())
                    .orElse(BigDecimal.ZERO);
        });
    }

    public BigDecimal priceOf(MonthCharge charge) {
        return priceOf(charge.tier(), charge.firstDay());
    }

    /** The cost committed this month against the scope, in dollars and cents. */
    public BigDecimal committedUsd(BudgetScope scope) {
        return committed.computeIfAbsent(
                scope,
                s -> ledger.chargeCounts(month, s).stream()
                        .map(c -> priceOf(c.tier(), c.firstDay()).multiply(BigDecimal.valueOf(c.count())))
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * The user's charge after getting a seat of this pool at {@code at}, or empty when it would not change (already
     * charged this month at the pool's tier or higher).
     */
    public Optional<MonthCharge> chargeAfterGrant(String userId, Pool pool, Instant at) {
        Optional<MonthCharge> prior = ledger.chargeOf(userId, month);
        if (prior.isPresent() && policy.rankOf(prior.get().tier()) >= policy.rankOf(pool)) {
            return Optional.empty();
        }
        int firstDay = prior.map(MonthCharge::firstDay)
                .orElse(LocalDate.ofInstant(at, ZoneOffset.UTC).getDayOfMonth());
        return Optional.of(new MonthCharge(month, userId, pool.group(), pool.tier(), firstDay));
    }

    /** Why a grant of this pool's seat to the user would break a budget, or empty when it fits (or no budget applies). */
    public Optional<Refusal> refusal(Pool pool, String userId, Instant at) {
        List<BudgetScope> scopes = scopesOf(pool);
        if (scopes.isEmpty()) {
            return Optional.empty();
        }
        Optional<MonthCharge> next = chargeAfterGrant(userId, pool, at);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Optional<MonthCharge> prior = ledger.chargeOf(userId, month);
        for (BudgetScope scope : scopes) {
            BigDecimal spent = committedUsd(scope);
            BigDecimal seat = priceOf(next.get())
                    .subtract(prior.filter(p -> countsAgainst(p, scope))
                            .map(this::priceOf)
                            .orElse(BigDecimal.ZERO));
            BigDecimal budget = budgetOf(scope).orElseThrow();
            if (spent.add(seat).compareTo(budget) > 0) {
                return Optional.of(new Refusal(
                        scope,
                        budget.setScale(2, RoundingMode.HALF_UP),
                        spent,
                        seat.setScale(2, RoundingMode.HALF_UP),
                        nextMonthStarts()));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the pool's queue does not move although the pool has a free seat: the budget that refuses the first user in
     * line, or empty (no budget, no free seat, nobody waiting, or the grant fits). What {@code explain} tells a waiting
     * user; it reads the month's charges, so call it after the month's first allocation step.
     */
    public Optional<Refusal> holding(Pool pool, Instant now) {
        if (scopesOf(pool).isEmpty() || pool.freeSeats(ledger.countAssigned(pool.group())) == 0) {
            return Optional.empty();
        }
        return ledger.firstWaiting(pool.group(), policy.tiersBelow(pool), 1).stream()
                .findFirst()
                .flatMap(first -> refusal(pool, first.userId(), now));
    }

    /**
     * Records the user's new charge and keeps the cached sums current.
     *
     * @return the scopes whose committed cost went down (the user's lower charge moved away from them)
     */
    public List<BudgetScope> commit(MonthCharge next) {
        Optional<MonthCharge> prior = ledger.chargeOf(next.userId(), month);
        ledger.putCharge(next);
        List<BudgetScope> lowered = new ArrayList<>();
        for (Map.Entry<BudgetScope, BigDecimal> sum : committed.entrySet()) {
            BigDecimal delta = BigDecimal.ZERO;
            if (countsAgainst(next, sum.getKey())) {
                delta = delta.add(priceOf(next));
            }
            if (prior.isPresent() && countsAgainst(prior.get(), sum.getKey())) {
                delta = delta.subtract(priceOf(prior.get()));
            }
            sum.setValue(sum.getValue().add(delta).setScale(2, RoundingMode.HALF_UP));
            if (delta.signum() < 0) {
                lowered.add(sum.getKey());
            }
        }
        return lowered;
    }

    private static boolean countsAgainst(MonthCharge charge, BudgetScope scope) {
        return scope.kind() == BudgetScope.Kind.POOL
                ? Pool.keyOf(charge.pool()).equals(scope.key())
                : charge.tier().equals(scope.key());
    }

    /**
     * A grant the budget of {@code scope} does not allow.
     *
     * @param budgetUsd       the scope's {@code monthlyBudgetUsd}
     * @param spentUsd        the cost already committed this month
     * @param seatUsd         what the grant would add
     * @param nextMonthStarts when the budget starts again
     */
    public record Refusal(
            BudgetScope scope,
            BigDecimal budgetUsd,
            BigDecimal spentUsd,
            BigDecimal seatUsd,
            LocalDate nextMonthStarts) {

        /**
         * For people, e.g. {@code budget for Kiro-Platform exhausted this month (USD 400.00 of 400.00); next month
         * starts on 2027-01-01}, or, while a little is left, {@code (USD 380.00 of 400.00, and a seat costs USD 40.00)}.
         */
        public String explain() {
            String left = spentUsd.compareTo(budgetUsd) >= 0 ? "" : ", and a seat costs USD " + seatUsd.toPlainString();
            return "budget for " + scope.describe() + " exhausted this month (USD " + spentUsd.toPlainString() + " of "
                    + budgetUsd.toPlainString() + left + "); next month starts on " + nextMonthStarts;
        }
    }
}
