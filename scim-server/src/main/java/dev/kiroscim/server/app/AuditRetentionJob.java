package dev.kiroscim.server.app;

import dev.kiroscim.core.audit.AuditRetention;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.cluster.SingletonScheduler;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code audit.retention}: prunes as actor {@code system} when a replica takes the cluster singleton job
 * {@value #NAME} (at start-up on a single node) and then every hour. The chain-head lock makes a concurrent prune
 * (a stalled holder resuming) take turns, and the later one finds nothing to do.
 */
final class AuditRetentionJob {

    static final String NAME = "audit-retention";
    static final Duration EVERY = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetentionJob.class);

    private AuditRetentionJob() {}

    static void schedule(SingletonScheduler jobs, AuditTrail trail, AuditRetention retention, Clock clock) {
        jobs.schedule(NAME, EVERY, () -> {
            long removed = trail.prune(
                    retention,
                    new ChangeContext(ChangeContext.SYSTEM, "retention-" + UUID.randomUUID(), clock.instant()));
            if (removed > 0) {
                LOG.info(
                        "audit retention {}: pruned {} events; the chain is anchored in a checkpoint",
                        retention,
                        removed);
            }
        });
    }
}
