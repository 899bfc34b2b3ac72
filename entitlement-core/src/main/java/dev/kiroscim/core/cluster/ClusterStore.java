package dev.kiroscim.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Port: what replicas sharing one database coordinate through. Every method is one short transaction of its own
 * (never part of a SCIM request's transaction). Instants are the replicas' wall clocks, which must agree within a
 * fraction of the lease (NTP; docs/deploy.md).
 */
public interface ClusterStore {

    /** Inserts or refreshes this replica's row; also forgets replicas gone for more than a day. */
    void heartbeat(ReplicaState state);

    /** Removes this replica's row (graceful stop: it is not "gone", it left). */
    void deregister(String replicaId);

    /** Every replica the registry remembers, gone ones included, by start time. */
    List<ReplicaState> replicas();

    /**
     * Takes or renews the lease {@code name} for {@code holder} until {@code now + ttl}: renews it when the holder
     * already has it, takes it when it is free or expired (or always, with {@code force}: a single-process database
     * where no one else can hold it). @return the lease's fence (it grows at every change of holder), empty when
     * another holder's unexpired lease stands
     */
    OptionalLong acquireLease(String name, String holder, Instant now, Duration ttl, boolean force);

    /** Gives up every lease of {@code holder} (graceful stop), so a peer takes the jobs at its next heartbeat. */
    void releaseLeases(String holder);

    /**
     * Reserves {@code calls} consecutive call slots on the schedule {@code name}, spaced {@code intervalMillis}
     * apart, starting at the later of {@code nowMillis} and the schedule's next free slot. @return the first slot's
     * instant in epoch milliseconds
     */
    long reserveCalls(String name, int calls, long nowMillis, double intervalMillis);
}
