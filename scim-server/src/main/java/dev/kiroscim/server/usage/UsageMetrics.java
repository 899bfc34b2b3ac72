package dev.kiroscim.server.usage;

import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.costs.Invoices;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.SeatActivity;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invoice and usage gauges of {@code GET /metrics}: this month's cost so far, forecast and naive figure, and
 * credits used this month per billed tier. The invoice reads every seat event of the month, so it is computed at
 * most once a minute per replica.
 */
public final class UsageMetrics {

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

    public void write(StringBuilder out) {
        Invoice inv = invoice();
        BigDecimal forecast = inv.forecast().map(Invoice.Forecast::forecastUsd).orElse(inv.totalUsd());
        gauge(out, "kiro_invoice_cost_so_far_usd", "This month's cost so far by Kiro's billing rules (GET /admin/v1/invoice).", inv.totalUsd());
        gauge(out, "kiro_invoice_forecast_usd", "This month's forecast cost by Kiro's billing rules: seats so far plus extrapolated overage.", forecast);
        gauge(out, "kiro_invoice_naive_usd", "Current seat holders x list price, for comparison with the invoice.", inv.naiveUsd());
        Map<String, BigDecimal> credits = new TreeMap<>();
        inv.tiers().forEach(t -> credits.put(t.tier(), BigDecimal.ZERO));
        inv.lines().forEach(l -> credits.merge(l.bill().billedTier(), l.bill().creditsUsed(), BigDecimal::add));
        out.append("# HELP kiro_usage_credits_month Credits used this month by seat holders, by billed tier (from the imported report).\n")
                .append("# TYPE kiro_usage_credits_month gauge\n");
        credits.forEach((tier, c) -> out.append("kiro_usage_credits_month{tier=\"").append(tier).append("\"} ").append(c.toPlainString()).append('\n'));
        Map<String, Integer> idleByPool = new TreeMap<>();
        cachedIdle.with(SeatActivity.Verdict.IDLE).forEach(h -> idleByPool.merge(h.pool(), 1, Integer::sum));
        out.append("# HELP kiro_seats_idle Seat holders with no Kiro activity in the report for 30 days, by pool (missing data is not idle).\n")
                .append("# TYPE kiro_seats_idle gauge\n");
        idleByPool.forEach((pool, n) -> out.append("kiro_seats_idle{pool=\"").append(pool.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\"} ").append(n).append('\n'));
        gauge(out, "kiro_seats_without_report_data", "Seat holders the report says nothing about (not configured, not imported, not mapped).",
                BigDecimal.valueOf(cachedIdle.holders().stream().filter(h -> !h.hasData()).count()));
        usage.reports().store().latestDay().ifPresent(d -> gauge(out, "kiro_usage_data_through_timestamp_seconds",
                "Start of the latest activity day in the imported report (staleness of usage figures).",
                BigDecimal.valueOf(d.atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
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

    private static void gauge(StringBuilder out, String name, String help, BigDecimal value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value.stripTrailingZeros().toPlainString()).append('\n');
    }
}
