package dev.kiroscim.core.seats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A budget refused its first grant of the month: the {@code budget.exhausted} audit event, written once per scope and
 * month (the first refusal marks it in the ledger, under the allocation lock, so across replicas too).
 *
 * @param scope           the pool or tier whose {@code monthlyBudgetUsd} refused the grant
 * @param month           the UTC billing month
 * @param budgetUsd       the budget
 * @param spentUsd        the cost committed this month when the grant was refused
 * @param nextMonthStarts the first day of the next month, when the budget starts again
 */
public record BudgetExhausted(
        BudgetScope scope, YearMonth month, BigDecimal budgetUsd, BigDecimal spentUsd, LocalDate nextMonthStarts) {
    public BudgetExhausted {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(budgetUsd, "budgetUsd");
        Objects.requireNonNull(spentUsd, "spentUsd");
        Objects.requireNonNull(nextMonthStarts, "nextMonthStarts");
    }
}
