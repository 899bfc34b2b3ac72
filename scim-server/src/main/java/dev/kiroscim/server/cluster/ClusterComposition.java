package dev.kiroscim.server.cluster;

import dev.kiroscim.core.cluster.ClusterNode;
import dev.kiroscim.core.cluster.SharedRateBudget;
import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.JdbcClusterStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * This replica in the cluster: its id, the registry and singleton leases ({@link ClusterNode}), and the shared
 * Identity Store rate budget. The same on H2, where the database admits one process, so the replica is alone and
 * takes every lease at once.
 */
public final class ClusterComposition implements AutoCloseable {

    /** Name of the Identity Store call schedule shared by all replicas. */
    public static final String IDENTITY_STORE_SCHEDULE = "identity-store";
    /** A peer that beat within this long counts as running when a replica decides which policy to start with. */
    static final Duration PEER_LIVE_WITHIN = ClusterNode.LEASE_TTL.plus(ClusterNode.HEARTBEAT);

    private final JdbcClusterStore store;
    private final String replicaId;
    private final String host;
    private final boolean singleProcess;
    private final Clock clock;
    private ClusterNode node;

    private ClusterComposition(
            JdbcClusterStore store, String replicaId, String host, boolean singleProcess, Clock clock) {
        this.store = store;
        this.replicaId = replicaId;
        this.host = host;
        this.singleProcess = singleProcess;
        this.clock = clock;
    }

    /** @param singleProcess true on H2: no other replica can share the database */
    public static ClusterComposition create(
            Database database, String bind, int port, boolean singleProcess, Clock clock) {
        String id = "r-" + UUID.randomUUID().toString().substring(0, 13);
        return new ClusterComposition(
                JdbcClusterStore.of(database), id, hostName(bind) + ":" + port, singleProcess, clock);
    }

    private static String hostName(String bind) {
        if (!"0.0.0.0".equals(bind) && !"::".equals(bind)) {
            return bind;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return bind;
        }
    }

    public String replicaId() {
        return replicaId;
    }

    /**
     * Whether this replica's config file may replace a different active policy at start-up: yes when it is alone
     * (H2, or no peer beat within {@link #PEER_LIVE_WITHIN}), so a single server behaves as it always did; no when
     * peers run, so a rolling deploy never flips the policy (docs/deploy.md, "One policy for the cluster").
     */
    public boolean fileMayWinAtStartup() {
        if (singleProcess) {
            return true;
        }
        Instant now = clock.instant();
        return store.replicas().stream()
                .noneMatch(r -> !r.replicaId().equals(replicaId) && r.liveAt(now, PEER_LIVE_WITHIN));
    }

    /**
     * The cluster's budget of downstream calls for this replica's directory adapter (Identity Store API or SCIM: one
     * schedule, since a cluster writes to one downstream), at {@code maxRequestsPerSecond} for the whole cluster.
     */
    public IdentityCenterRateLimit rateBudget(double maxRequestsPerSecond) {
        return new SharedRateBudget(store, IDENTITY_STORE_SCHEDULE, maxRequestsPerSecond);
    }

    /** Creates the node (register jobs on it, then {@link #start()}). */
    public ClusterNode node(Supplier<String> policySha256, String filePolicySha256) {
        node = new ClusterNode(store, replicaId, host, policySha256, () -> filePolicySha256, clock, singleProcess);
        return node;
    }

    public ClusterNode node() {
        return node;
    }

    public void start() {
        node.start();
    }

    @Override
    public void close() {
        if (node != null) {
            node.close();
        }
    }
}
