package dev.kiroscim.server.admin;

import dev.kiroscim.core.seats.ManageSeats;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.server.http.RequestMetrics;
import dev.kiroscim.server.http.ThrottleMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * {@code GET /metrics} in Prometheus text format (admin scope; Prometheus sends the token as a bearer token):
 * HTTP traffic and latency, Identity Center sync backlog and dead letters, seats per tier and pool, monthly cost,
 * and JVM heap. Seat and sync figures are read from the database at scrape time, so every replica reports the
 * shared state.
 */
@Path("metrics")
public final class MetricsResource {

    private final RequestMetrics requests;
    private final IdentityCenterSync sync;
    private final ManageSeats seats;
    private final ThrottleMetrics throttles;
    private final ClusterMetrics cluster;
    private final dev.kiroscim.server.usage.UsageMetrics usage;

    /**
     * @param cluster the replica registry ({@code kiro_cluster_*}), or null
     * @param usage   the invoice and usage gauges, or null to leave them out
     */
    public MetricsResource(RequestMetrics requests, IdentityCenterSync sync, ManageSeats seats, ThrottleMetrics throttles,
                           ClusterMetrics cluster, dev.kiroscim.server.usage.UsageMetrics usage) {
        this.requests = requests;
        this.sync = sync;
        this.seats = seats;
        this.throttles = throttles;
        this.cluster = cluster;
        this.usage = usage;
    }

    @GET
    public Response metrics() {
        StringBuilder out = new StringBuilder(4096);
        requests.write(out);
        throttles.write(out);
        IdentityCenterSync.Status status = sync.status();
        gauge(out, "kiro_sync_pending", "Identity Center work items waiting.", status.pending());
        gauge(out, "kiro_sync_dead_letters", "Identity Center work items that failed for good (see /admin/v1/sync).", status.deadLetter());
        gauge(out, "kiro_sync_oldest_pending_age_seconds", "Age of the oldest waiting Identity Center work item.", status.oldestPendingAgeSeconds());
        gauge(out, "kiro_sync_live", "1 when Identity Center sync sends calls, 0 in plan-only mode.",
                IdentityCenterSync.LIVE.equals(status.mode()) ? 1 : 0);
        dev.kiroscim.server.sync.DownstreamMetrics.write(out, status);
        SeatOverview overview = seats.overview();
        out.append("# HELP kiro_seats_assigned Seats held, by tier.\n# TYPE kiro_seats_assigned gauge\n");
        overview.tiers().forEach(t -> out.append("kiro_seats_assigned{tier=\"").append(t.tier()).append("\"} ").append(t.assigned()).append('\n'));
        out.append("# HELP kiro_pool_waitlisted Users waiting for a seat, by pool.\n# TYPE kiro_pool_waitlisted gauge\n");
        overview.pools().forEach(p -> out.append("kiro_pool_waitlisted{pool=\"").append(escape(p.group())).append("\"} ").append(p.waitlisted()).append('\n'));
        out.append("# HELP kiro_pool_assigned Seats held, by pool.\n# TYPE kiro_pool_assigned gauge\n");
        overview.pools().forEach(p -> out.append("kiro_pool_assigned{pool=\"").append(escape(p.group())).append("\"} ").append(p.assigned()).append('\n'));
        gauge(out, "kiro_seats_monthly_cost_usd", "Monthly cost at current holders x list price (not the invoice: see kiro_invoice_*).", overview.monthlyCostUsd().doubleValue());
        if (usage != null) {
            usage.write(out);
        }
        if (cluster != null) {
            cluster.write(out);
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "kiro_jvm_heap_used_bytes", "JVM heap in use.", heap.getUsed());
        gauge(out, "kiro_jvm_heap_max_bytes", "JVM heap limit (-Xmx).", heap.getMax());
        return Response.ok(out.toString()).type("text/plain; version=0.0.4; charset=utf-8").build();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
