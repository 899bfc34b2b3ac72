package dev.kiroscim.server.app;

import dev.kiroscim.core.audit.AuditTrail;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code audit.retention}: prunes at start-up and then every hour, as actor {@code system}. Replicas may
 * all run it; the chain-head lock makes concurrent prunes take turns, and the later ones find nothing to do.
 */
final class AuditRetentionJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetentionJob.class);

    private final ScheduledExecutorService scheduler;

    private AuditRetentionJob(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static AuditRetentionJob start(AuditTrail trail, Duration retention, Clock clock) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-audit-retention");
            t.setDaemon(true);
            return t;
        });
        Runnable prune = () -> {
            try {
                long removed = trail.prune(retention, new ChangeContext(ChangeContext.SYSTEM, "retention-" + UUID.randomUUID(), clock.instant()));
                if (removed > 0) {
                    LOG.info("audit retention {}: pruned {} events; the chain is anchored in a checkpoint", retention, removed);
                }
            } catch (RuntimeException e) {
                LOG.warn("audit retention run failed (will retry in an hour): {}", e.toString());
            }
        };
        scheduler.scheduleWithFixedDelay(prune, 0, 1, TimeUnit.HOURS);
        return new AuditRetentionJob(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
