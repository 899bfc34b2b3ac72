package dev.kiroscim.server.admin;

import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.ManageSeats;
import java.math.BigDecimal;
import java.util.List;

/**
 * The budget gauges of {@code GET /metrics}: per pool and per tier, the cost committed this (UTC) month by the invoice
 * rules, and the {@code monthlyBudgetUsd} where the policy sets one, e.g.
 * <pre>
 * kiro_pool_committed_usd{pool="Kiro-Platform"} 400
 * kiro_pool_budget_usd{pool="Kiro-Platform"} 400
 * </pre>
 * An alert on {@code committed >= budget} fires when the pool stops granting (the audit log has {@code budget.exhausted}).
 */
final class BudgetMetrics {

    private BudgetMetrics() {
    }

    static void write(StringBuilder out, List<ManageSeats.BudgetUse> uses) {
        for (BudgetScope.Kind kind : BudgetScope.Kind.values()) {
            String label = kind == BudgetScope.Kind.POOL ? "pool" : "tier";
            List<ManageSeats.BudgetUse> ofKind = uses.stream().filter(u -> u.scope().kind() == kind).toList();
            out.append("# HELP kiro_").append(label).append("_committed_usd Seat cost committed this month by the invoice rules, by ")
                    .append(label).append(" (what monthlyBudgetUsd is checked against).\n")
                    .append("# TYPE kiro_").append(label).append("_committed_usd gauge\n");
            ofKind.forEach(u -> line(out, label + "_committed_usd", label, u.scope().name(), u.committedUsd()));
            out.append("# HELP kiro_").append(label).append("_budget_usd The policy's monthlyBudgetUsd, by ").append(label)
                    .append(" (only where set).\n# TYPE kiro_").append(label).append("_budget_usd gauge\n");
            ofKind.forEach(u -> u.budgetUsd().ifPresent(b -> line(out, label + "_budget_usd", label, u.scope().name(), b)));
        }
    }

    private static void line(StringBuilder out, String metric, String label, String name, BigDecimal value) {
        out.append("kiro_").append(metric).append('{').append(label).append("=\"").append(MetricsResource.escape(name)).append("\"} ")
                .append(value.stripTrailingZeros().toPlainString()).append('\n');
    }
}
