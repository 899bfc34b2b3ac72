package dev.kiroscim.server.usage;

import dev.kiroscim.core.billing.Invoice;
import dev.kiroscim.core.billing.Invoices;
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

    private final Invoices invoices;
    private final UsageComposition usage;
    private Invoice cached;
    private long cachedAt;

    public UsageMetrics(Invoices invoices, UsageComposition usage) {
        this.invoices = invoices;
        this.usage = usage;
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
        usage.reports().store().latestDay().ifPresent(d -> gauge(out, "kiro_usage_data_through_timestamp_seconds",
                "Start of the latest activity day in the imported report (staleness of usage figures).",
                BigDecimal.valueOf(d.atStartOfDay(ZoneOffset.UTC).toEpochSecond())));
    }

    private synchronized Invoice invoice() {
        long now = System.currentTimeMillis();
        if (cached == null || now - cachedAt > CACHE_MILLIS) {
            cached = invoices.month(invoices.currentMonth());
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
