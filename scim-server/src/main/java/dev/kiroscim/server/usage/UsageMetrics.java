package dev.kiroscim.server.usage;

import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.SeatActivity;
import dev.kiroscim.server.metrics.GaugeFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invoice and usage gauges of {@code GET /metrics}: this month's cost so far, forecast and naive figure, and
 * credits used this month per billed tier. The invoice reads every seat event of the month, so it is computed at
 * most once a minute per replica.
 */
public final class UsageMetrics implements MultiCollector {

    private static final long CACHE_MILLIS = 60_000;
    private static final int IDLE_DAYS = 30;

    private final Invoices invoices;
    private final UsageComposition usage;
    private final IdleSeats idle;
    private Invoice cached;
    private IdleSeats.Result cachedIdle;
    private long cachedAt;

    public UsageMetrics(Invoices invoices, UsageComposition usage, IdleSeats idle) {
        this.invoices = invoices;
        this.usage = usage;
        this.idle = idle;
    }

    @Override
    public MetricSnapshots collect() {
        Invoice inv = invoice();
        IdleSeats.Result idleNow = cachedIdle;
        BigDecimal forecast = inv.forecast().map(Invoice.Forecast::forecastUsd).orElse(inv.totalUsd());
        Map<String, BigDecimal> credits = new TreeMap<>();
        inv.tiers().forEach(t -> credits.put(t.tier(), BigDecimal.ZERO));
        inv.lines().forEach(l -> credits.merge(l.bill().billedTier(), l.bill().creditsUsed(), BigDecimal::add));
        GaugeFamily creditsByTier = GaugeFamily.named(
                "kiro_usage_credits_month",
                "Credits used this month by seat holders, by billed tier (from the imported report).");
        credits.forEach((tier, c) -> creditsByTier.add(c, "tier", tier));
        Map<String, Integer> idleByPool = new TreeMap<>();
        idleNow.with(SeatActivity.Verdict.IDLE).forEach(h -> idleByPool.merge(h.pool(), 1, Integer::sum));
        GaugeFamily idleSeats = GaugeFamily.named(
                "kiro_seats_idle",
                "Seat holders with no Kiro activity in the report for 30 days, by pool (missing data is not idle).");
        idleByPool.forEach((pool, n) -> idleSeats.add(n, "pool", pool));
        List<MetricSnapshot> out = new ArrayList<>(List.of(
                GaugeFamily.single(
                        "kiro_invoice_cost_so_far_usd",
                        "This month's cost so far by Kiro's billing rules (GET /admin/v1/invoice).",
                        inv.totalUsd().doubleValue()),
                GaugeFamily.single(
                        "kiro_invoice_forecast_usd",
                        "This month's forecast cost by Kiro's billing rules: seats so far plus extrapolated overage.",
                        forecast.doubleValue()),
                GaugeFamily.single(
                        "kiro_invoice_naive_usd",
                        "Current seat holders x list price, for comparison with the invoice.",
                        inv.naiveUsd().doubleValue()),
                creditsByTier.snapshot(),
                idleSeats.snapshot(),
                GaugeFamily.single(
                        "kiro_seats_without_report_data",
                        "Seat holders the report says nothing about (not configured, not imported, not mapped).",
                        idleNow.holders().stream().filter(h -> !h.hasData()).count())));
        usage.reports()
                .store()
                .latestDay()
                .ifPresent(d -> out.add(GaugeFamily.single(
                        "kiro_usage_data_through_timestamp_seconds",
                        "Start of the latest activity day in the imported report (staleness of usage figures).",
                        d.atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
        return new MetricSnapshots(out);
    }

    private synchronized Invoice invoice() {
        long now = System.currentTimeMillis();
        if (cached == null || now - cachedAt > CACHE_MILLIS) {
            cached = invoices.month(invoices.currentMonth());
            cachedIdle = idle.find(IDLE_DAYS);
            cachedAt = now;
        }
        return cached;
    }
}
