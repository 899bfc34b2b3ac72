package dev.kiroscim.server.admin;

import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.server.metrics.GaugeFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.List;

/**
 * The budget gauges of {@code GET /metrics}, read from the database once per scrape: per pool and per tier, the seat
 * cost committed this (UTC) month by the invoice rules, and the {@code monthlyBudgetUsd} where the policy sets one, e.g.
 * <pre>
 * kiro_pool_committed_usd{pool="Kiro-Platform"} 400.0
 * kiro_pool_budget_usd{pool="Kiro-Platform"} 400.0
 * </pre>
 * An alert on {@code committed >= budget} fires when the pool stops granting (the audit log has {@code budget.exhausted}).
 */
public final class BudgetMetrics implements MultiCollector {

    private final ManageSeats seats;
    private final Clock clock;

    /** @param clock what "this month" is */
    public BudgetMetrics(ManageSeats seats, Clock clock) {
        this.seats = seats;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        List<ManageSeats.BudgetUse> uses = seats.budgets(clock.instant());
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        for (BudgetScope.Kind kind : BudgetScope.Kind.values()) {
            boolean pool = kind == BudgetScope.Kind.POOL;
            String label = pool ? "pool" : "tier";
            // Names spelled out, not built from the label: the alert rules' test finds each metric in the sources.
            GaugeFamily committed = GaugeFamily.named(
                    pool ? "kiro_pool_committed_usd" : "kiro_tier_committed_usd",
                    "Seat cost committed this month by the invoice rules, by " + label
                            + " (what monthlyBudgetUsd is checked against).");
            GaugeFamily budget = GaugeFamily.named(
                    pool ? "kiro_pool_budget_usd" : "kiro_tier_budget_usd",
                    "The policy's monthlyBudgetUsd, by " + label + " (only where set).");
            for (ManageSeats.BudgetUse use : uses) {
                if (use.scope().kind() == kind) {
                    committed.add(use.committedUsd(), label, use.scope().name());
                    use.budgetUsd()
                            .ifPresent(b -> budget.add(b, label, use.scope().name()));
                }
            }
            out.metricSnapshot(committed.snapshot()).metricSnapshot(budget.snapshot());
        }
        return out.build();
    }
}
