package dev.kiroscim.server.admin;

import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.server.metrics.GaugeFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Identity Center sync backlog and dead letters, seats per tier and pool, and the monthly cost, read from the
 * database once per scrape, so every replica reports the shared state:
 * <pre>
 * kiro_sync_pending 3.0
 * kiro_seats_assigned{tier="PRO"} 12.0
 * kiro_pool_waitlisted{pool="Kiro-Developers"} 2.0
 * </pre>
 */
public final class SeatAndSyncMetrics implements MultiCollector {

    private final IdentityCenterSync sync;
    private final ManageSeats seats;

    public SeatAndSyncMetrics(IdentityCenterSync sync, ManageSeats seats) {
        this.sync = sync;
        this.seats = seats;
    }

    @Override
    public MetricSnapshots collect() {
        IdentityCenterSync.Status status = sync.status();
        SeatOverview overview = seats.overview();
        GaugeFamily assigned = GaugeFamily.named("kiro_seats_assigned", "Seats held, by tier.");
        overview.tiers().forEach(t -> assigned.add(t.assigned(), "tier", t.tier()));
        GaugeFamily waitlisted = GaugeFamily.named("kiro_pool_waitlisted", "Users waiting for a seat, by pool.");
        GaugeFamily held = GaugeFamily.named("kiro_pool_assigned", "Seats held, by pool.");
        overview.pools().forEach(p -> {
            waitlisted.add(p.waitlisted(), "pool", p.group());
            held.add(p.assigned(), "pool", p.group());
        });
        return MetricSnapshots.of(
                GaugeFamily.single("kiro_sync_pending", "Identity Center work items waiting.", status.pending()),
                GaugeFamily.single(
                        "kiro_sync_dead_letters",
                        "Identity Center work items that failed for good (see /admin/v1/sync).",
                        status.deadLetter()),
                GaugeFamily.single(
                        "kiro_sync_oldest_pending_age_seconds",
                        "Age of the oldest waiting Identity Center work item.",
                        status.oldestPendingAgeSeconds()),
                GaugeFamily.single(
                        "kiro_sync_live",
                        "1 when Identity Center sync sends calls, 0 in plan-only mode.",
                        IdentityCenterSync.LIVE.equals(status.mode()) ? 1 : 0),
                assigned.snapshot(),
                waitlisted.snapshot(),
                held.snapshot(),
                GaugeFamily.single(
                        "kiro_seats_monthly_cost_usd",
                        "Monthly cost at current holders x list price (not the invoice: see kiro_invoice_*).",
                        overview.monthlyCostUsd().doubleValue()));
    }
}
