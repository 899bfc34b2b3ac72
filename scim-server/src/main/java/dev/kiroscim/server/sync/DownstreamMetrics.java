package dev.kiroscim.server.sync;

import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.server.metrics.GaugeFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The downstream's gauges for {@code GET /metrics}, read at scrape time from the adapter (no database read):
 * <pre>
 * kiro_sync_downstream_info{kind="scim"} 1
 * kiro_sync_paused 1.0      # the downstream refused our token: alert on this (docs/downstream.md)
 * </pre>
 * The endpoint is not a label (a config-dependent value that says nothing a dashboard needs); {@code /admin/v1/sync}
 * shows it.
 */
public final class DownstreamMetrics implements MultiCollector {

    private final IdentityCenterSync sync;

    public DownstreamMetrics(IdentityCenterSync sync) {
        this.sync = sync;
    }

    @Override
    public MetricSnapshots collect() {
        return MetricSnapshots.of(
                GaugeFamily.info(
                                "kiro_sync_downstream",
                                "What Identity Center sync writes to: identity-store-api, scim or none.")
                        .dataPoint(GaugeFamily.infoPoint("kind", sync.downstream()))
                        .build(),
                GaugeFamily.single(
                        "kiro_sync_paused",
                        "1 while the sync sends nothing until an operator acts (e.g. the"
                                + " SCIM token was refused; see the alert in /admin/v1/sync).",
                        sync.paused().isPresent() ? 1 : 0));
    }
}
