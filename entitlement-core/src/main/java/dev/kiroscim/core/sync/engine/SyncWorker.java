package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.CallFence;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.OutboxItem;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import dev.kiroscim.core.worker.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the outbox: claims users' head items (one worker per user at a time, across replicas), reads the user's
 * desired state <em>after</em> the ids of the items it covers, converges Identity Center with {@link UserConvergence},
 * then deletes those items.
 *
 * <p>Failures: a retryable one (throttling, 5xx, timeout, a stale id) schedules the item again with
 * {@link RetryPolicy} backoff, honouring {@code RetryAfterSeconds}; throttling also pauses this worker for that long,
 * since every other call would be throttled too. A non-retryable one (validation, access denied, a userName taken by
 * someone else), or {@code maxAttempts} failures, parks the user's items as a dead letter; other users carry on. Each
 * failure is audited as {@code identityCenter.call.failed} with the AWS request id.
 *
 * <p><b>Lease fencing.</b> A claim carries the item's claim version. Before each Identity Store call (after the rate
 * wait, through {@link CallFence}) and in every transaction that records a result, the worker renews its claim only
 * if it still holds that version ({@link dev.kiroscim.core.sync.state.SyncOutbox#renewClaim}); otherwise another
 * worker took the item over after this one stalled (SIGSTOP, GC pause) and the item is abandoned with nothing
 * recorded ({@link StaleClaim}). Renewing also keeps the claim alive while a slow convergence runs.
 *
 * <p>{@link #runOnce()} is the whole algorithm, for tests; {@link #start()} runs it on a thread that wakes on
 * {@link #wake()} (local enqueues) or every {@code pollInterval} (other replicas' enqueues, retries falling due).
 */
public final class SyncWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);

    private final Transactions db;
    private final IdentityCenterDirectory store;
    private final Supplier<Policy> policy;
    private final SeatLookup seats;
    private final TierGroups groups;
    private final SyncSettings settings;
    private final Clock clock;
    private final String workerId = "worker-" + UUID.randomUUID();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile boolean directoryPaused;
    private final BackgroundLoop loop;

    public SyncWorker(
            Transactions db,
            IdentityCenterDirectory store,
            Supplier<Policy> policy,
            SeatLookup seats,
            TierGroups groups,
            SyncSettings settings,
            Clock clock) {
        this.db = db;
        this.store = store;
        this.policy = policy;
        this.seats = seats;
        this.groups = groups;
        this.settings = settings;
        this.clock = clock;
        // an Identity Store call in progress finishes (and is recorded) rather than being cut off
        this.loop = new BackgroundLoop(
                "idc-sync-worker",
                "Identity Center sync worker",
                this::runOnce,
                this::idleWaitMillis,
                Duration.ofSeconds(30),
                false);
    }

    /** Claims one batch and processes it. @return how many items were claimed */
    public int runOnce() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil) || pausedByDirectory()) {
            return 0;
        }
        List<OutboxItem> items =
                db.write(tx -> tx.outbox().claim(settings.batchSize(), now, settings.lease(), workerId));
        for (OutboxItem item : items) {
            if (clock.instant().isBefore(pausedUntil)) {
                // throttled: hand the rest back, due when the pause ends
                db.write(tx -> {
                    if (stillMine(tx, item)) {
                        tx.outbox()
                                .retryLater(
                                        item.id(), item.attempts(), pausedUntil, "deferred: Identity Store throttling");
                    }
                    return null;
                });
                continue;
            }
            try {
                process(item);
            } catch (RuntimeException e) {
                if (!StaleClaim.in(e)) {
                    throw e;
                }
                LOG.warn(
                        "outbox item {} (user {}) was taken over by another worker while this one stalled; abandoned",
                        item.id(),
                        item.userId());
            }
        }
        return items.size();
    }

    /**
     * Whether the directory asks to send nothing (e.g. its SCIM token was refused): then no item is claimed, so the
     * outbox keeps every change until the pause ends. Logged once when it starts and once when it ends; the failed call
     * that started it was audited as {@code idc.call.failed}.
     */
    private boolean pausedByDirectory() {
        Optional<String> reason = store.pausedBecause();
        if (reason.isPresent() != directoryPaused) {
            directoryPaused = reason.isPresent();
            if (directoryPaused) {
                LOG.warn("Identity Center sync paused: {}", reason.get());
            } else {
                LOG.info("Identity Center sync resumed: the directory accepts calls again");
            }
        }
        return directoryPaused;
    }

    /** Runs {@link #runOnce()} until nothing is due; for tests and the plan-free CLI. */
    public void drain() {
        while (runOnce() > 0) {
            // keep going
        }
    }

    /** Renews this worker's claim on {@code item} if it still holds it (see the class comment). */
    private boolean stillMine(Directory tx, OutboxItem item) {
        return tx.outbox()
                .renewClaim(
                        item.id(),
                        workerId,
                        item.claimVersion(),
                        clock.instant().plus(settings.lease()));
    }

    private void requireClaim(Directory tx, OutboxItem item) {
        if (!stillMine(tx, item)) {
            throw new StaleClaim("claim " + item.claimVersion() + " on outbox item " + item.id() + " was lost");
        }
    }

    void process(OutboxItem item) {
        db.write(tx -> {
            requireClaim(tx, item); // a later item of a batch may have expired while earlier ones ran
            return null;
        });
        ChangeContext ctx = new ChangeContext(ChangeContext.SYSTEM, "idc-" + item.id(), clock.instant());
        record Snapshot(List<Long> ids, DesiredUser desired, Optional<IdentityCenterLink> link) {}
        Policy current = policy.get();
        Snapshot snap = db.read(tx -> {
            List<Long> ids = tx.outbox().pendingIdsOf(item.userId()); // first: the state read below covers them
            Optional<UserRecord> user = tx.users().find(item.userId());
            DesiredUser desired = DesiredUser.of(
                    item.userId(),
                    user,
                    user.isPresent() ? seats.seatOf(tx, item.userId()) : Optional.empty(),
                    current);
            return new Snapshot(ids, desired, tx.identityCenterLinks().find(item.userId()));
        });
        UserConvergence convergence = new UserConvergence(
                store,
                groups,
                settings.offboarding(),
                (userId, link, events) -> db.write(tx -> {
                    requireClaim(tx, item);
                    if (link == null) {
                        tx.identityCenterLinks().delete(userId);
                    } else {
                        tx.identityCenterLinks().save(link);
                    }
                    for (AuditEntry e : events) {
                        tx.audit().append(new ChangeContext(ctx.actor(), ctx.requestId(), clock.instant()), e);
                    }
                    return null;
                }));
        try (CallFence.Binding fence = CallFence.bind(() -> db.write(tx -> {
            requireClaim(tx, item);
            return null;
        }))) {
            convergence.converge(snap.desired(), snap.link());
            db.write(tx -> {
                requireClaim(tx, item);
                tx.outbox().complete(snap.ids());
                return null;
            });
        } catch (RuntimeException e) {
            if (StaleClaim.in(e)) {
                throw e;
            }
            failed(item, snap.desired(), e);
        }
    }

    private void failed(OutboxItem item, DesiredUser desired, RuntimeException e) {
        Instant now = clock.instant();
        boolean throttled = e instanceof IdentityCenterThrottled;
        boolean retryable = e instanceof IdentityCenterException ? ((IdentityCenterException) e).retryable() : true;
        int attempts = throttled ? item.attempts() : item.attempts() + 1;
        Optional<Duration> retryAfter = throttled
                ? ((IdentityCenterThrottled) e).retryAfter()
                : e instanceof IdentityCenterUnavailable
                        ? ((IdentityCenterUnavailable) e).retryAfter()
                        : Optional.empty();
        if (throttled) {
            pausedUntil = now.plus(retryAfter.orElse(settings.retry().base()));
        }
        String operation = e instanceof IdentityCenterException
                ? ((IdentityCenterException) e).operation().apiName()
                : "converge";
        String awsRequestId =
                e instanceof IdentityCenterException ? ((IdentityCenterException) e).awsRequestId() : null;
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean dead = !retryable || attempts >= settings.retry().maxAttempts();
        AuditSubject who = AuditSubject.user(
                item.userId(),
                desired.profile() == null ? null : desired.profile().userName());
        ChangeContext ctx = new ChangeContext(ChangeContext.SYSTEM, "idc-" + item.id(), now);
        db.write(tx -> {
            requireClaim(tx, item);
            tx.audit().append(ctx, AuditEvents.identityCenterCallFailed(who, operation, awsRequestId, error));
            if (dead) {
                tx.outbox().deadLetter(item.userId(), attempts, error, now);
                tx.audit().append(ctx, AuditEvents.syncDeadLettered(who, attempts, error));
            } else {
                tx.outbox()
                        .retryLater(
                                item.id(), attempts, now.plus(settings.retry().delay(attempts, retryAfter)), error);
            }
            return null;
        });
        if (dead) {
            LOG.warn(
                    "Identity Center sync of user {} is a dead letter after {} attempt(s): {}",
                    item.userId(),
                    attempts,
                    error);
        } else {
            LOG.info(
                    "Identity Center sync of user {} failed (attempt {}), will retry: {}",
                    item.userId(),
                    attempts,
                    error);
        }
    }

    /** Starts the background thread. */
    public void start() {
        loop.start();
    }

    /** Asks the worker to look for work now (called after a local enqueue). */
    public void wake() {
        loop.wake();
    }

    /** Idle wait: the poll interval, or longer while Identity Store throttling pauses this worker. */
    private long idleWaitMillis() {
        long waitMs = settings.pollInterval().toMillis();
        long pauseMs = Duration.between(clock.instant(), pausedUntil).toMillis();
        return pauseMs > 0 ? Math.max(waitMs, pauseMs) : waitMs;
    }

    @Override
    public void close() {
        loop.close();
    }
}
