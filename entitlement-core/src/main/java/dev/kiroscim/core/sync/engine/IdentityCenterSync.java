package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.cluster.SingletonScheduler;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.state.DeadLetter;
import dev.kiroscim.core.sync.state.OutboxStats;
import dev.kiroscim.core.sync.state.ReconcileReport;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Identity Center sync of a running server: the outbox worker, the reconciler (on start, every
 * {@code reconcileInterval}, on demand) and the status an admin sees.
 *
 * <p><b>Plan-only mode</b> ({@code identityCenter == null}: no {@code identityStoreId} configured): nothing is sent.
 * The plan is computed against an empty Identity Center ({@link EmptyIdentityCenter}), so it shows everything a first live reconcile would send;
 * the worker drains the outbox without calls (a later live start reconciles everything anyway).
 */
public final class IdentityCenterSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityCenterSync.class);

    public static final String LIVE = "live";
    public static final String PLAN_ONLY = "plan-only";

    /**
     * What {@code GET /admin/v1/sync} shows.
     *
     * @param downstream what the sync writes to ({@link IdentityCenterDirectory#kind()}), {@code none} in plan-only mode
     * @param endpoint   where, when worth showing (the SCIM base URL); never a token
     * @param paused     why the sync sends nothing until an operator acts (an alert), or empty
     */
    public record Status(
            String mode,
            long pending,
            long deadLetter,
            Optional<ReconcileReport> lastReconcile,
            long oldestPendingAgeSeconds,
            List<DeadLetter> deadLetters,
            List<String> groupsCreated,
            String downstream,
            Optional<String> endpoint,
            Optional<String> paused) {}

    private final Transactions db;
    private final String mode;
    private final SyncWorker worker;
    private final Reconciler reconciler;
    private final TierGroups groups;
    private final SyncSettings settings;
    private final Clock clock;
    private final IdentityCenterDirectory identityCenter;
    private ScheduledExecutorService scheduler;

    public IdentityCenterSync(
            Transactions db,
            IdentityCenterDirectory identityCenter,
            Supplier<Policy> policy,
            SeatLookup seats,
            SyncSettings settings,
            Clock clock) {
        this.db = db;
        this.mode = identityCenter == null ? PLAN_ONLY : LIVE;
        this.identityCenter = identityCenter;
        this.groups = new TierGroups();
        this.settings = settings;
        this.clock = clock;
        IdentityCenterDirectory store = identityCenter == null ? new EmptyIdentityCenter() : identityCenter;
        this.worker = identityCenter == null ? null : new SyncWorker(db, store, policy, seats, groups, settings, clock);
        this.reconciler = new Reconciler(
                db, store, policy, seats, identityCenter == null ? new TierGroups() : groups, settings, clock, mode);
    }

    public String mode() {
        return mode;
    }

    /** The reconciler's singleton job name (one replica of a cluster reconciles; see {@link #start(SingletonScheduler)}). */
    public static final String RECONCILE_JOB = "idc-reconcile";

    /**
     * Starts the worker on this replica and registers the reconcile as the cluster singleton job
     * {@value #RECONCILE_JOB}: whichever replica holds it reconciles when it takes it (at start-up on a single node)
     * and every {@code reconcileInterval} after. Plan-only mode drains the outbox here, as in {@link #start()}.
     */
    public synchronized void start(SingletonScheduler jobs) {
        if (worker == null) {
            start();
            return;
        }
        worker.start();
        jobs.schedule(RECONCILE_JOB, settings.reconcileInterval(), this::scheduledReconcile);
    }

    /** Starts the worker and the reconcile schedule (the first reconcile runs at once, in the background). */
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idc-sync-reconcile");
            t.setDaemon(true);
            return t;
        });
        if (worker != null) {
            worker.start();
            long every = Math.max(1, settings.reconcileInterval().toSeconds());
            scheduler.scheduleWithFixedDelay(this::scheduledReconcile, 0, every, TimeUnit.SECONDS);
        } else {
            long poll = Math.max(50, settings.pollInterval().toMillis());
            scheduler.scheduleWithFixedDelay(this::discard, 0, poll, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledReconcile() {
        try {
            ReconcileReport r = reconcile();
            LOG.info("Identity Center reconcile: {} change(s), {} drift finding(s)", r.changes(), r.drift());
        } catch (RuntimeException e) {
            LOG.warn("Identity Center reconcile failed: {}", e.toString());
            try {
                db.write(tx -> {
                    tx.identityCenterLinks()
                            .saveLastReconcile(new ReconcileReport(clock.instant(), 0, 0, e.toString()));
                    return null;
                });
            } catch (RuntimeException databaseDown) {
                // Typically the same outage. Must not escape: a scheduled task that throws is never run again,
                // and the reconciler would stay dead after the database came back.
                LOG.warn("could not record the failed reconcile either: {}", databaseDown.toString());
            }
        }
    }

    private void discard() {
        try {
            db.write(tx -> tx.outbox().discardPending());
        } catch (RuntimeException e) {
            LOG.debug("plan-only outbox drain failed: {}", e.toString());
        }
    }

    /** Wakes the worker after a local enqueue. */
    public void wake() {
        if (worker != null) {
            worker.wake();
        }
    }

    /** The Identity Store calls a reconcile would make now. */
    public SyncPlan plan() {
        return reconciler.plan();
    }

    /** Reconciles now; in plan-only mode only records the plan's size. */
    public ReconcileReport reconcile() {
        if (worker == null) {
            SyncPlan plan = reconciler.plan();
            ReconcileReport report = new ReconcileReport(
                    clock.instant(), plan.calls().size(), plan.drift().size(), "plan-only mode: nothing was sent");
            db.write(tx -> {
                tx.identityCenterLinks().saveLastReconcile(report);
                return null;
            });
            return report;
        }
        Optional<String> paused = paused();
        if (paused.isPresent()) {
            ReconcileReport skipped = new ReconcileReport(clock.instant(), 0, 0, "paused: " + paused.get());
            db.write(tx -> {
                tx.identityCenterLinks().saveLastReconcile(skipped);
                return null;
            });
            return skipped;
        }
        ReconcileReport report = reconciler.reconcile();
        worker.wake();
        return report;
    }

    /** Requeues every dead letter. @return how many */
    public int retryDeadLetters() {
        int n = db.write(tx -> tx.outbox().requeueDeadLetters(clock.instant()));
        wake();
        return n;
    }

    /** What the sync writes to: {@link IdentityCenterDirectory#kind()}, or {@code none} in plan-only mode. */
    public String downstream() {
        return identityCenter == null ? "none" : identityCenter.kind();
    }

    /** Why the directory asks to send nothing now (see {@link IdentityCenterDirectory#pausedBecause()}), or empty. */
    public Optional<String> paused() {
        return identityCenter == null ? Optional.empty() : identityCenter.pausedBecause();
    }

    public Status status() {
        Instant now = clock.instant();
        return db.read(tx -> {
            OutboxStats stats = tx.outbox().stats();
            long age = stats.oldestPending()
                    .map(t -> Math.max(0, Duration.between(t, now).toSeconds()))
                    .orElse(0L);
            return new Status(
                    mode,
                    stats.pending(),
                    stats.deadLetter(),
                    tx.identityCenterLinks().lastReconcile(),
                    age,
                    tx.outbox().deadLetters(20),
                    List.copyOf(groups.created()),
                    downstream(),
                    identityCenter == null ? Optional.empty() : identityCenter.endpoint(),
                    paused());
        });
    }

    /** The worker, for tests that drive it step by step; {@code null} in plan-only mode. */
    public SyncWorker worker() {
        return worker;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (worker != null) {
            worker.close();
        }
        if (identityCenter instanceof AutoCloseable) {
            try {
                ((AutoCloseable) identityCenter).close();
            } catch (Exception e) {
                LOG.debug("closing the Identity Store client: {}", e.toString());
            }
        }
    }
}
