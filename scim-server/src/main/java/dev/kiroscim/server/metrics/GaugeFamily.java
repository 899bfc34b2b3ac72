package dev.kiroscim.server.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.math.BigDecimal;

/**
 * Builds one gauge family for a scrape-time collector, e.g. seats by tier from one database read:
 * <pre>
 * GaugeFamily.named("kiro_seats_assigned", "Seats held, by tier.")
 *         .add(12, "tier", "PRO").add(3, "tier", "PRO_PLUS").snapshot();
 * // kiro_seats_assigned{tier="PRO"} 12.0
 * // kiro_seats_assigned{tier="PRO_PLUS"} 3.0
 * </pre>
 * The Prometheus client escapes label values and checks names, so a pool named {@code a"b} cannot break the text.
 */
public final class GaugeFamily {

    private final GaugeSnapshot.Builder builder;

    private GaugeFamily(String name, String help) {
        this.builder = GaugeSnapshot.builder().name(name).help(help);
    }

    public static GaugeFamily named(String name, String help) {
        return new GaugeFamily(name, help);
    }

    /** One series; {@code labels} are name, value, name, value… */
    public GaugeFamily add(double value, String... labels) {
        builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .value(value)
                .labels(Labels.of(labels))
                .build());
        return this;
    }

    public GaugeFamily add(BigDecimal value, String... labels) {
        return add(value.doubleValue(), labels);
    }

    public MetricSnapshot snapshot() {
        return builder.build();
    }

    /** A single unlabelled gauge. */
    public static MetricSnapshot single(String name, String help, double value) {
        return named(name, help).add(value).snapshot();
    }

    /**
     * An info family: series whose labels carry the facts, each with the value 1. {@code name} is given without the
     * {@code _info} suffix the exposition adds ({@code kiro_cluster_replica_policy} → {@code kiro_cluster_replica_policy_info}).
     */
    public static InfoSnapshot.Builder info(String name, String help) {
        return InfoSnapshot.builder().name(name).help(help);
    }

    public static InfoSnapshot.InfoDataPointSnapshot infoPoint(String... labels) {
        return InfoSnapshot.InfoDataPointSnapshot.builder()
                .labels(Labels.of(labels))
                .build();
    }
}
