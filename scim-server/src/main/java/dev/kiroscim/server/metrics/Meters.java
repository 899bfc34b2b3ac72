package dev.kiroscim.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.sql.DataSource;

/**
 * The server's one metrics registry, scraped by {@code GET /metrics} in the Prometheus text format.
 *
 * <p>Adding a metric is one line where the event happens, with the {@link #registry()} handed to that component:
 * <pre>
 * registry.counter("kiro.notifications.sent", "channel", "slack").increment();   // kiro_notifications_sent_total{channel="slack"}
 * Gauge.builder("kiro.budget.remaining.usd", budgets, Budgets::remainingUsd).register(registry);
 * </pre>
 * Micrometer's Prometheus naming applies: dots become underscores, counters get {@code _total}, timers
 * {@code _seconds}. Figures read from the database at scrape time, whose label sets change (pools, replicas), are
 * a {@link MultiCollector} given to {@link #collectAtScrape}: one query per scrape for the whole family, see
 * {@link GaugeFamily}.
 *
 * <p>For free: JVM memory, GC, threads, class loading, CPU and uptime ({@code jvm_*}, {@code process_*},
 * {@code system_*}) and the connection pool ({@code hikaricp_connections_*}, tagged {@code pool="kiro-scim-db"}).
 */
public final class Meters {

    private final PrometheusMeterRegistry registry;

    private Meters(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** A registry with the JVM and process meters bound, and the heap gauges {@code /metrics} has always had. */
    public static Meters create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // Kept beside jvm_memory_used_bytes{area="heap",…}: dashboards and the fuzz harness read these two names.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Gauge.builder(
                        "kiro.jvm.heap.used.bytes",
                        memory,
                        m -> m.getHeapMemoryUsage().getUsed())
                .description("JVM heap in use.")
                .register(registry);
        Gauge.builder(
                        "kiro.jvm.heap.max.bytes",
                        memory,
                        m -> m.getHeapMemoryUsage().getMax())
                .description("JVM heap limit (-Xmx).")
                .register(registry);
        return new Meters(registry);
    }

    /** Where components register their meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Publishes the connection pool's meters, when the pool is HikariCP (the only one the server opens). */
    public void bindConnectionPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.setMetricRegistry(registry);
        }
    }

    /** A family computed when {@code /metrics} is scraped (e.g. from the database, so every replica agrees). */
    public void collectAtScrape(MultiCollector collector) {
        registry.getPrometheusRegistry().register(collector);
    }

    /** Everything, in the Prometheus text format {@value #CONTENT_TYPE}. */
    public String scrape() {
        return registry.scrape();
    }

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
}
