package dev.kiroscim.server.sync;

import dev.kiroscim.core.sync.engine.IdentityCenterSync;

/**
 * The downstream's gauges for {@code GET /metrics}, kept apart from the request and seat metrics:
 * <pre>
 * kiro_sync_downstream_info{kind="scim"} 1
 * kiro_sync_paused 1        # the downstream refused our token (alert on this; see docs/downstream.md)
 * </pre>
 * The endpoint is not a label (an unbounded, config-dependent value); {@code /admin/v1/sync} shows it.
 */
public final class DownstreamMetrics {

    private DownstreamMetrics() {
    }

    public static void write(StringBuilder out, IdentityCenterSync.Status status) {
        out.append("# HELP kiro_sync_downstream_info What Identity Center sync writes to: identity-store-api, scim or none.\n")
                .append("# TYPE kiro_sync_downstream_info gauge\n")
                .append("kiro_sync_downstream_info{kind=\"").append(status.downstream()).append("\"} 1\n");
        out.append("# HELP kiro_sync_paused 1 while the sync sends nothing until an operator acts (e.g. the SCIM token was"
                        + " refused; see /admin/v1/sync alert).\n")
                .append("# TYPE kiro_sync_paused gauge\n")
                .append("kiro_sync_paused ").append(status.paused().isPresent() ? 1 : 0).append('\n');
    }
}
