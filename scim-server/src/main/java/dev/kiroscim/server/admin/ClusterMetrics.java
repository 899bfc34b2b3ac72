package dev.kiroscim.server.admin;

import dev.kiroscim.core.cluster.ClusterNode;
import dev.kiroscim.core.cluster.ReplicaState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The replica registry in Prometheus text, read from the database at scrape time, so every replica reports the
 * whole cluster:
 * <pre>
 * kiro_cluster_replicas{state="live"} 3
 * kiro_cluster_replica_heartbeat_age_seconds{replica="r-3f2a9c1e-7b4d",host="ip-10-0-1-17:8080"} 1
 * kiro_cluster_replica_policy_info{replica="r-3f2a9c1e-7b4d",sha256="9f86d0…",file_differs="false"} 1
 * kiro_cluster_singleton_job_holder{job="idc-reconcile",replica="r-3f2a9c1e-7b4d"} 1
 * </pre>
 * Alert on {@code kiro_cluster_replicas{state="live"}} below the replica count, and on more than one distinct
 * {@code sha256} among live replicas for longer than a few seconds.
 */
public final class ClusterMetrics {

    private final ClusterNode node;
    private final Clock clock;

    public ClusterMetrics(ClusterNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    void write(StringBuilder out) {
        Instant now = clock.instant();
        List<ReplicaState> rows = node.replicas().stream()
                .map(r -> r.replicaId().equals(node.replicaId()) ? node.self() : r).toList();
        long live = rows.stream().filter(r -> !r.goneAt(now)).count();
        out.append("# HELP kiro_cluster_replicas Replicas in the registry: live, or gone (no heartbeat for 60 s).\n")
                .append("# TYPE kiro_cluster_replicas gauge\n")
                .append("kiro_cluster_replicas{state=\"live\"} ").append(live).append('\n')
                .append("kiro_cluster_replicas{state=\"gone\"} ").append(rows.size() - live).append('\n');
        out.append("# HELP kiro_cluster_replica_heartbeat_age_seconds Seconds since each replica's last heartbeat.\n")
                .append("# TYPE kiro_cluster_replica_heartbeat_age_seconds gauge\n");
        for (ReplicaState r : rows) {
            out.append("kiro_cluster_replica_heartbeat_age_seconds{replica=\"").append(escape(r.replicaId()))
                    .append("\",host=\"").append(escape(r.host())).append("\"} ")
                    .append(Math.max(0, Duration.between(r.heartbeatAt(), now).toSeconds())).append('\n');
        }
        out.append("# HELP kiro_cluster_replica_policy_info The policy each live replica enforces (SHA-256).\n")
                .append("# TYPE kiro_cluster_replica_policy_info gauge\n");
        for (ReplicaState r : rows) {
            if (!r.goneAt(now)) {
                out.append("kiro_cluster_replica_policy_info{replica=\"").append(escape(r.replicaId()))
                        .append("\",sha256=\"").append(escape(r.policySha256())).append("\",file_differs=\"")
                        .append(!r.policySha256().equals(r.filePolicySha256())).append("\"} 1\n");
            }
        }
        out.append("# HELP kiro_cluster_singleton_job_holder 1 for the replica that holds each singleton job.\n")
                .append("# TYPE kiro_cluster_singleton_job_holder gauge\n");
        for (ReplicaState r : rows) {
            if (!r.goneAt(now)) {
                for (String job : r.jobs()) {
                    out.append("kiro_cluster_singleton_job_holder{job=\"").append(escape(job)).append("\",replica=\"")
                            .append(escape(r.replicaId())).append("\"} 1\n");
                }
            }
        }
    }

    private static String escape(String label) {
        return MetricsResource.escape(label);
    }
}
