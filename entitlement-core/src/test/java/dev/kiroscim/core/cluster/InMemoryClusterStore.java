package dev.kiroscim.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** {@link ClusterStore} in memory, with the JDBC adapter's semantics (see ClusterContract in persistence). */
final class InMemoryClusterStore implements ClusterStore {

    private record Lease(String holder, long untilMs, long fence) {}

    private final Map<String, ReplicaState> replicas = new TreeMap<>();
    private final Map<String, Lease> leases = new TreeMap<>();
    private final Map<String, Long> schedules = new TreeMap<>();
    int reservations;

    @Override
    public synchronized void heartbeat(ReplicaState state) {
        replicas.put(state.replicaId(), state);
    }

    @Override
    public synchronized void deregister(String replicaId) {
        replicas.remove(replicaId);
    }

    @Override
    public synchronized List<ReplicaState> replicas() {
        return new ArrayList<>(replicas.values());
    }

    @Override
    public synchronized OptionalLong acquireLease(
            String name, String holder, Instant now, Duration ttl, boolean force) {
        Lease l = leases.get(name);
        long until = now.plus(ttl).toEpochMilli();
        if (l == null) {
            leases.put(name, new Lease(holder, until, 1));
            return OptionalLong.of(1);
        }
        if (l.holder().equals(holder) || l.untilMs() < now.toEpochMilli() || force) {
            long fence = l.holder().equals(holder) ? l.fence() : l.fence() + 1;
            leases.put(name, new Lease(holder, until, fence));
            return OptionalLong.of(fence);
        }
        return OptionalLong.empty();
    }

    @Override
    public synchronized void releaseLeases(String holder) {
        leases.replaceAll((n, l) -> l.holder().equals(holder) ? new Lease(holder, 0, l.fence()) : l);
    }

    @Override
    public synchronized long reserveCalls(String name, int calls, long nowMillis, double intervalMillis) {
        reservations++;
        long start = Math.max(nowMillis, schedules.getOrDefault(name, nowMillis));
        schedules.put(name, start + (long) Math.ceil(calls * intervalMillis));
        return start;
    }
}
