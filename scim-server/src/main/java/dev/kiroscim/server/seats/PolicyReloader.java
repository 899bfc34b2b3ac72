package dev.kiroscim.server.seats;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.SeatEvent;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file and applies its policy without a restart (SIGHUP or
 * {@code POST /admin/v1/policy/reload}). A file that does not validate is rejected: the old policy stays in force
 * and {@code policy.rejected} is audited with every problem. A valid file becomes the cluster's active policy (stored
 * in the database with the seat changes it causes); every other replica enforces it within its poll interval.
 * Reloads are serialised (one at a time per server; the allocation lock serialises them with every other replica's
 * steps).
 */
public final class PolicyReloader {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

    /** What a reload did. {@code problems} is empty when the policy was applied. */
    public record Outcome(boolean applied, PolicyInForce policy, List<SeatEvent> events, List<String> problems) {
    }

    private final ManageSeats seats;
    private final Path configFile;
    private final String replicaId;

    public PolicyReloader(ManageSeats seats, Path configFile, String replicaId) {
        this.seats = seats;
        this.configFile = configFile;
        this.replicaId = replicaId;
    }

    public synchronized Outcome reload(ChangeContext ctx) {
        PolicyFile.Loaded next;
        try {
            next = PolicyFile.loadForCluster(configFile, ctx.actor() + " on replica " + replicaId, ctx.at());
        } catch (PolicyException e) {
            LOG.warn("policy reload rejected, the previous policy stays in force:\n{}", e.getMessage());
            seats.rejected(String.valueOf(configFile), PolicyFile.contentSha256(configFile), e.getMessage(), ctx);
            List<String> problems = e.problems().stream().map(p -> p.render(e.source())).toList();
            return new Outcome(false, seats.policyInForce(), List.of(), problems);
        }
        List<SeatEvent> events = seats.applyAndStore(next.policy(), next.stored(), ctx);
        LOG.info("policy reloaded from {} ({} pools, {} seat changes); it is now the cluster's active policy",
                next.policy().source(), next.policy().policy().pools().size(), events.size());
        return new Outcome(true, next.policy(), events, List.of());
    }
}
