package dev.kiroscim.server.seats;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file and applies its policy without a restart (SIGHUP or
 * {@code POST /admin/v1/policy/reload}). The whole file is read as at start-up ({@link BridgeConfig#load}), so a
 * mistake in any section rejects the reload. A file that does not validate is rejected: the old policy stays in force
 * and {@code policy.rejected} is audited with every problem. A valid file becomes the cluster's active policy (stored
 * in the database with the seat changes it causes); every other replica enforces it within its poll interval.
 * Reloads are serialised (one at a time per server; the allocation lock serialises them with every other replica's
 * steps).
 */
public final class PolicyReloader {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

    /** What a reload did. {@code problems} is empty when the policy was applied. */
    public record Outcome(boolean applied, PolicyInForce policy, List<SeatEvent> events, List<String> problems) {}

    private final ManageSeats seats;
    private final Path configFile;
    private final String replicaId;

    public PolicyReloader(ManageSeats seats, Path configFile, String replicaId) {
        this.seats = seats;
        this.configFile = configFile;
        this.replicaId = replicaId;
    }

    public synchronized Outcome reload(ChangeContext ctx) {
        BridgeConfig next;
        try {
            next = BridgeConfig.load(configFile);
        } catch (ConfigException e) {
            LOG.warn("policy reload rejected, the previous policy stays in force:\n{}", e.getMessage());
            seats.rejected(String.valueOf(configFile), BridgeConfig.contentSha256(configFile), e.getMessage(), ctx);
            return new Outcome(false, seats.policyInForce(), List.of(), e.problems());
        }
        PolicyInForce policy = next.policyInForce();
        List<SeatEvent> events =
                seats.applyAndStore(policy, next.storedPolicy(ctx.actor() + " on replica " + replicaId, ctx.at()), ctx);
        LOG.info(
                "policy reloaded from {} ({} pools, {} seat changes); it is now the cluster's active policy",
                policy.source(),
                policy.policy().pools().size(),
                events.size());
        return new Outcome(true, policy, events, List.of());
    }
}
