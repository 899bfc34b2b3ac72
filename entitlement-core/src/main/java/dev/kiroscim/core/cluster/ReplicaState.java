package dev.kiroscim.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One replica as the registry knows it, e.g.
 * {@code (r-3f2a…, ip-10-0-1-17:8080, 09:00:01, 09:42:13, 9f86d0…, 9f86d0…, [identityCenter-reconcile, seat-expiry])}.
 *
 * @param replicaId        random per process start
 * @param host             host name and port the replica serves on
 * @param startedAt        when the process started
 * @param heartbeatAt      its last heartbeat
 * @param policySha256     SHA-256 of the policy it enforces ({@code ""} = the built-in default)
 * @param filePolicySha256 SHA-256 of the policy in its own config file; differs from {@code policySha256} when the
 *                         cluster's active policy won over the file at start-up
 * @param jobs             the singleton jobs it holds
 */
public record ReplicaState(
        String replicaId,
        String host,
        Instant startedAt,
        Instant heartbeatAt,
        String policySha256,
        String filePolicySha256,
        List<String> jobs) {

    /** A replica whose heartbeat is older than this is shown as gone. */
    public static final Duration GONE_AFTER = Duration.ofSeconds(60);

    public ReplicaState {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(policySha256, "policySha256");
        Objects.requireNonNull(filePolicySha256, "filePolicySha256");
        jobs = List.copyOf(jobs);
    }

    public boolean goneAt(Instant now) {
        return heartbeatAt.plus(GONE_AFTER).isBefore(now);
    }

    /** Alive recently enough to count as a running peer (start-up policy decision). */
    public boolean liveAt(Instant now, Duration within) {
        return !heartbeatAt.plus(within).isBefore(now);
    }
}
