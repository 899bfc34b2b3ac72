package dev.kiroscim.server.admin;

import dev.kiroscim.core.cluster.ClusterNode;
import dev.kiroscim.core.cluster.ReplicaState;
import dev.kiroscim.server.metrics.GaugeFamily;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The replica registry in Prometheus text, read from the database at scrape time, so every replica reports the
 * whole cluster:
 * <pre>
 * kiro_cluster_replicas{state="live"} 3.0
 * kiro_cluster_replica_heartbeat_age_seconds{host="ip-10-0-1-17:8080",replica="r-3f2a9c1e-7b4d"} 1.0
 * kiro_cluster_replica_policy_info{file_differs="false",replica="r-3f2a9c1e-7b4d",sha256="9f86d0…"} 1
 * kiro_cluster_singleton_job_holder{job="idc-reconcile",replica="r-3f2a9c1e-7b4d"} 1.0
 * </pre>
 * Alert on {@code kiro_cluster_replicas{state="live"}} below the replica count, and on more than one distinct
 * {@code sha256} among live replicas for longer than a few seconds.
 */
public final class ClusterMetrics implements MultiCollector {

    private final ClusterNode node;
    private final Clock clock;

    public ClusterMetrics(ClusterNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Instant now = clock.instant();
        List<ReplicaState> rows = node.replicas().stream()
                .map(r -> r.replicaId().equals(node.replicaId()) ? node.self() : r)
                .toList();
        long live = rows.stream().filter(r -> !r.goneAt(now)).count();
        GaugeFamily replicas = GaugeFamily.named(
                        "kiro_cluster_replicas", "Replicas in the registry: live, or gone (no heartbeat for 60 s).")
                .add(live, "state", "live")
                .add(rows.size() - live, "state", "gone");
        GaugeFamily heartbeatAge = GaugeFamily.named(
                "kiro_cluster_replica_heartbeat_age_seconds", "Seconds since each replica's last heartbeat.");
        var policy =
                GaugeFamily.info("kiro_cluster_replica_policy", "The policy each live replica enforces (SHA-256).");
        GaugeFamily jobs = GaugeFamily.named(
                "kiro_cluster_singleton_job_holder", "1 for the replica that holds each singleton job.");
        for (ReplicaState r : rows) {
            heartbeatAge.add(
                    Math.max(0, Duration.between(r.heartbeatAt(), now).toSeconds()),
                    "replica",
                    r.replicaId(),
                    "host",
                    r.host());
            if (!r.goneAt(now)) {
                policy.dataPoint(GaugeFamily.infoPoint(
                        "replica",
                        r.replicaId(),
                        "sha256",
                        r.policySha256(),
                        "file_differs",
                        Boolean.toString(!r.policySha256().equals(r.filePolicySha256()))));
                for (String job : r.jobs()) {
                    jobs.add(1, "job", job, "replica", r.replicaId());
                }
            }
        }
        return MetricSnapshots.of(replicas.snapshot(), heartbeatAge.snapshot(), policy.build(), jobs.snapshot());
    }
}
