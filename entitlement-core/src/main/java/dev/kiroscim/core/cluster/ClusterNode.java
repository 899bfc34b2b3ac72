package dev.kiroscim.core.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's membership in the cluster: every {@link #HEARTBEAT} it refreshes its registry row and takes or
 * renews the lease of each singleton job; jobs run only while their lease is held here.
 *
 * <p>Leases last {@link #LEASE_TTL}, so when a holder dies (kill -9) a peer takes its jobs within
 * {@code LEASE_TTL + HEARTBEAT} (12 s). Whether a lease is held is judged on this replica's clock from the moment
 * before the renewal was sent: a replica frozen past its lease (SIGSTOP) stops running jobs the moment it resumes,
 * before it talks to the database again. A job run that is already under way when the lease is lost finishes; every
 * job is safe to run twice (they take the database locks their work needs), the lease only keeps them from running
 * everywhere at once.
 *
 * <p>On a database only one process can open (H2), {@code exclusive} takes every lease at once at start-up instead
 * of waiting for the previous process's lease to expire.
 */
public final class ClusterNode implements SingletonScheduler, AutoCloseable {

    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration LEASE_TTL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private record Job(String name, Duration every, Runnable task, ScheduledExecutorService executor) {}

    private final ClusterStore store;
    private final String replicaId;
    private final String host;
    private final Instant startedAt;
    private final Supplier<String> policySha256;
    private final Supplier<String> filePolicySha256;
    private final Clock clock;
    private final boolean exclusive;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final List<Runnable> onHeartbeat = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> heldUntil = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile boolean firstBeat = true;

    public ClusterNode(
            ClusterStore store,
            String replicaId,
            String host,
            Supplier<String> policySha256,
            Supplier<String> filePolicySha256,
            Clock clock,
            boolean exclusive) {
        this.store = store;
        this.replicaId = replicaId;
        this.host = host;
        this.startedAt = clock.instant();
        this.policySha256 = policySha256;
        this.filePolicySha256 = filePolicySha256;
        this.clock = clock;
        this.exclusive = exclusive;
        this.heartbeat = daemon("kiro-cluster-heartbeat");
    }

    public String replicaId() {
        return replicaId;
    }

    /** Registers a job; it runs once this replica holds its lease (see {@link SingletonScheduler}). */
    @Override
    public void schedule(String job, Duration every, Runnable task) {
        Job j = new Job(job, every, task, daemon("kiro-job-" + job));
        jobs.add(j);
        long tick = Math.max(100, Math.min(every.toMillis(), 1000));
        j.executor().scheduleWithFixedDelay(() -> tick(j), tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code r} after every heartbeat (e.g. the policy version poll), on the heartbeat thread. */
    public void onHeartbeat(Runnable r) {
        onHeartbeat.add(r);
    }

    /** Registers this replica and starts the heartbeat (the first beat runs at once, in the caller's thread). */
    public void start() {
        beat();
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this replica holds the job's lease now, by its own clock. */
    public boolean holds(String job) {
        Instant until = heldUntil.get(job);
        return until != null && clock.instant().isBefore(until);
    }

    /** The jobs whose leases this replica holds now, in registration order. */
    public List<String> heldJobs() {
        List<String> held = new ArrayList<>();
        for (Job j : jobs) {
            if (holds(j.name())) {
                held.add(j.name());
            }
        }
        return held;
    }

    /** The registry: every replica, with this one's row as of now. */
    public List<ReplicaState> replicas() {
        return store.replicas();
    }

    /** This replica's own row as it would be written now. */
    public ReplicaState self() {
        return new ReplicaState(
                replicaId, host, startedAt, clock.instant(), policySha256.get(), filePolicySha256.get(), heldJobs());
    }

    void beat() {
        for (Job j : jobs) {
            Instant asked = clock.instant();
            try {
                OptionalLong fence = store.acquireLease(j.name(), replicaId, asked, LEASE_TTL, exclusive && firstBeat);
                if (fence.isPresent()) {
                    if (heldUntil.put(j.name(), asked.plus(LEASE_TTL)) == null) {
                        LOG.info(
                                "singleton job {} now runs on this replica ({}; fence {})",
                                j.name(),
                                replicaId,
                                fence.getAsLong());
                        lastRun.remove(j.name()); // run at once: the previous holder may have died mid-run
                    }
                } else if (heldUntil.remove(j.name()) != null) {
                    LOG.warn("singleton job {}: lease lost to another replica", j.name());
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "singleton job {}: lease renewal failed ({}); it stops here when the lease runs out",
                        j.name(),
                        e.toString());
            }
        }
        firstBeat = false;
        try {
            store.heartbeat(self());
        } catch (RuntimeException e) {
            LOG.warn("cluster heartbeat failed: {}", e.toString());
        }
        for (Runnable r : onHeartbeat) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("cluster heartbeat task failed: {}", e.toString());
            }
        }
    }

    private void tick(Job j) {
        if (!holds(j.name())) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastRun.get(j.name());
        if (last != null && now.isBefore(last.plus(j.every()))) {
            return;
        }
        lastRun.put(j.name(), now);
        try {
            j.task().run();
        } catch (RuntimeException e) {
            LOG.warn("singleton job {} failed, next run in {}: {}", j.name(), j.every(), e.toString());
        }
    }

    /**
     * Stops the jobs and the heartbeat, gives the leases up (a peer takes the jobs at its next heartbeat) and leaves
     * the registry.
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (Job j : jobs) {
            j.executor().shutdownNow();
        }
        for (Job j : jobs) {
            try {
                j.executor().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heldUntil.clear();
        try {
            store.releaseLeases(replicaId);
            store.deregister(replicaId);
        } catch (RuntimeException e) {
            LOG.warn("could not release the singleton job leases ({}); peers take them when they expire", e.toString());
        }
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
