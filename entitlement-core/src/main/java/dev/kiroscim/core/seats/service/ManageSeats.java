package dev.kiroscim.core.seats.service;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.Entitlement;
import dev.kiroscim.core.seats.EntitlementFilter;
import dev.kiroscim.core.seats.EntitlementPage;
import dev.kiroscim.core.seats.EntitlementReader;
import dev.kiroscim.core.seats.MonthlyBudgets;
import dev.kiroscim.core.seats.PolicyDiff;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.ReclaimEvidence;
import dev.kiroscim.core.seats.SeatAllocator;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.seats.StoredPolicy;
import dev.kiroscim.core.seats.UserEntitlement;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.Transactions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat use cases outside SCIM requests: expiry (the scheduler), policy reloads, and the admin read models.
 * Holds the policy in force; {@link #policy()} is what the {@link SeatAllocationListener} reads.
 *
 * <p>Every allocation step runs in one transaction that first takes the allocation lock
 * ({@link SeatStore#lockForAllocation}) and writes its {@code seat.*} events to the audit log.
 */
public final class ManageSeats {

    private static final Logger LOG = LoggerFactory.getLogger(ManageSeats.class);

    /** Which policy a replica enforces after start-up, and why. */
    public enum StartupPolicy {
        /** The database had no active policy yet: the file's became the cluster's. */
        FILE_STORED,
        /** The file and the cluster's active policy are the same. */
        SAME,
        /** They differ and no other replica runs (or the database is single-process): the file's became active. */
        FILE_WON,
        /** They differ and other replicas run: the cluster's active policy is enforced, the file is ignored. */
        DATABASE_WON
    }

    /** At most this many users are looked at per entitlements page, whatever the filter. */
    static final int SCAN_BUDGET = 1000;

    private final Transactions transactions;
    private final AtomicReference<PolicyInForce> inForce;

    public ManageSeats(Transactions transactions, PolicyInForce initial) {
        this.transactions = transactions;
        this.inForce = new AtomicReference<>(initial);
    }

    public Policy policy() {
        return inForce.get().policy();
    }

    /**
     * The policy for an allocation step, called right after {@link SeatStore#lockForAllocation}: if another replica
     * stored a new active policy since this one last looked, it is loaded now, so no step is ever judged under a
     * policy older than the last one applied anywhere in the cluster.
     */
    public Policy policyAfterLock(Directory tx) {
        String active = tx.seats().appliedPolicySha256();
        if (!active.equals(inForce.get().contentSha256())) {
            adopt(tx, active);
        }
        return inForce.get().policy();
    }

    /**
     * Loads the cluster's active policy if it changed (the replicas' poll; one cheap read when nothing changed).
     * @return true when a new policy is in force here
     */
    public boolean refreshFromCluster() {
        return transactions.read(tx -> {
            String active = tx.seats().appliedPolicySha256();
            return !active.equals(inForce.get().contentSha256()) && adopt(tx, active);
        });
    }

    private boolean adopt(Directory tx, String activeSha) {
        Optional<StoredPolicy> stored =
                tx.seats().activePolicy().filter(p -> p.sha256().equals(activeSha));
        if (stored.isEmpty()) {
            return false; // applied by a replica that predates stored policies: nothing to load
        }
        PolicyInForce current = inForce.get();
        try {
            PolicyInForce next = stored.get().parse();
            if (inForce.compareAndSet(current, next)) {
                LOG.info(
                        "cluster policy {} (from {}, applied by {}) is now enforced here",
                        abbreviate(next.contentSha256()),
                        next.source(),
                        stored.get().storedBy());
                return true;
            }
            return false;
        } catch (PolicyException e) {
            LOG.error(
                    "the cluster's active policy {} does not parse on this replica (an older version?); still "
                            + "enforcing {}:\n{}",
                    abbreviate(activeSha),
                    abbreviate(current.contentSha256()),
                    e.getMessage());
            return false;
        }
    }

    private static String abbreviate(String sha) {
        return sha.isEmpty() ? "(built-in)" : sha.substring(0, Math.min(12, sha.length()));
    }

    public PolicyInForce policyInForce() {
        return inForce.get();
    }

    /**
     * Applies {@code next} (a reload): swaps it in and re-establishes the settled state with
     * {@link SeatAllocator#recomputeAll}, writing {@code policy.loaded} (with what changed) and the seat events.
     */
    public List<SeatEvent> apply(PolicyInForce next, ChangeContext ctx) {
        return apply(next, ctx, true);
    }

    /**
     * Applies the policy a server starts with, so a cap lowered while it was down is enforced before the first
     * request. {@code policy.loaded} is written only when the file differs from the one last applied by any replica
     * (the seat events, if any, are always written).
     */
    public List<SeatEvent> applyAtStartup(ChangeContext ctx) {
        return apply(inForce.get(), ctx, false);
    }

    /**
     * Applies {@code next} and makes it the cluster's active policy in the same transaction ({@code stored} is its
     * text); the other replicas load it within their poll interval, and before their next allocation step.
     */
    public List<SeatEvent> applyAndStore(PolicyInForce next, StoredPolicy stored, ChangeContext ctx) {
        return apply(next, Optional.of(stored), ctx, true);
    }

    /**
     * Decides which policy this replica starts with and applies it (see {@link StartupPolicy}): the cluster's active
     * policy wins over a different file unless {@code fileMayWin} (no other replica runs, or the database is
     * single-process), so a rolling deploy never flips the policy back and forth.
     */
    public StartupPolicy startup(StoredPolicy file, PolicyInForce filePolicy, boolean fileMayWin, ChangeContext ctx) {
        StartupPolicy[] outcome = new StartupPolicy[1];
        apply(ctx, false, tx -> {
            Optional<StoredPolicy> active = tx.seats()
                    .activePolicy()
                    .filter(p -> p.sha256().equals(tx.seats().appliedPolicySha256()));
            if (active.isEmpty()) {
                outcome[0] = StartupPolicy.FILE_STORED;
            } else if (active.get().sha256().equals(file.sha256())) {
                outcome[0] = StartupPolicy.SAME;
            } else if (fileMayWin) {
                outcome[0] = StartupPolicy.FILE_WON;
            } else {
                try {
                    outcome[0] = StartupPolicy.DATABASE_WON;
                    return new Choice(active.get().parse(), Optional.empty());
                } catch (PolicyException e) {
                    LOG.error(
                            "the cluster's active policy does not parse on this replica; enforcing the file's:\n{}",
                            e.getMessage());
                    outcome[0] = StartupPolicy.FILE_WON;
                }
            }
            return new Choice(filePolicy, outcome[0] == StartupPolicy.SAME ? Optional.empty() : Optional.of(file));
        });
        return outcome[0];
    }

    /** What a start-up applies: a policy, and the text to store as active (if it changes). */
    private record Choice(PolicyInForce policy, Optional<StoredPolicy> toStore) {}

    private List<SeatEvent> apply(PolicyInForce next, ChangeContext ctx, boolean explicitReload) {
        return apply(next, Optional.empty(), ctx, explicitReload);
    }

    private List<SeatEvent> apply(
            PolicyInForce next, Optional<StoredPolicy> store, ChangeContext ctx, boolean explicitReload) {
        return apply(ctx, explicitReload, tx -> new Choice(next, store));
    }

    /** One allocation step under the lock: {@code choose} picks the policy (and what to store) once the lock is held. */
    private List<SeatEvent> apply(
            ChangeContext ctx, boolean explicitReload, java.util.function.Function<Directory, Choice> choose) {
        return transactions.write(tx -> {
            Instant at = tx.seats().lockForAllocation(ctx.at());
            Choice choice = choose.apply(tx);
            PolicyInForce next = choice.policy();
            PolicyInForce previous = inForce.get();
            Map<String, Object> changes = PolicyDiff.between(previous.policy(), next.policy());
            inForce.set(next);
            try {
                if (explicitReload || !next.contentSha256().equals(tx.seats().appliedPolicySha256())) {
                    tx.audit().append(ctx, AuditEvents.policyLoaded(next.source(), next.contentSha256(), changes));
                    tx.seats().recordAppliedPolicy(next.contentSha256());
                }
                choice.toStore().ifPresent(tx.seats()::storeActivePolicy);
                return allocateAndAudit(tx, ctx, Map.of(), allocator -> allocator.recomputeAll(next.policy(), at));
            } catch (RuntimeException e) {
                inForce.compareAndSet(next, previous);
                throw e;
            }
        });
    }

    /** Records a rejected reload ({@code policy.rejected}); the policy in force stays. */
    public void rejected(String source, String contentSha256, String reason, ChangeContext ctx) {
        transactions.write(tx -> {
            tx.audit().append(ctx, AuditEvents.policyRejected(source, contentSha256, reason));
            return null;
        });
    }

    /** Frees every seat whose maxGrant deadline is at or before {@code ctx.at()} and fills the freed seats (rule 6). */
    public List<SeatEvent> expireDue(ChangeContext ctx) {
        return transactions.write(tx -> {
            if (tx.seats().seatsExpiringBy(ctx.at()).isEmpty()) {
                return List.of(); // the common case: no lock, no write
            }
            Instant at = tx.seats().lockForAllocation(ctx.at());
            Policy policy = policyAfterLock(tx);
            return allocateAndAudit(tx, ctx, Map.of(), allocator -> allocator.expireDue(policy, at));
        });
    }

    /**
     * The month-boundary check (a singleton job, every few seconds): when {@code ctx.at()} is in a month whose charges
     * are not open yet, opens it under the allocation lock and serves the users waiting in budgeted pools, in queue
     * order. Otherwise one read and nothing else; any other allocation step would open the month as well.
     */
    public List<SeatEvent> openMonth(ChangeContext ctx) {
        java.time.YearMonth month = MonthlyBudgets.monthOf(ctx.at());
        return transactions.write(tx -> {
            if (tx.seats().chargesMonth().filter(open -> !open.isBefore(month)).isPresent()) {
                return List.of();
            }
            Instant at = tx.seats().lockForAllocation(ctx.at());
            Policy policy = policyAfterLock(tx);
            return allocateAndAudit(tx, ctx, Map.of(), allocator -> allocator.openMonth(policy, at));
        });
    }

    /** One budget as it stands: the month, the limit and the cost committed against it so far. */
    public record BudgetUse(
            BudgetScope scope, java.time.YearMonth month, Optional<BigDecimal> budgetUsd, BigDecimal committedUsd) {}

    /**
     * The committed cost of every pool and every tier this month ({@link MonthlyBudgets}), with their budgets where the
     * policy has one: pools in file order, then tiers lowest first. For {@code /metrics}.
     */
    public List<BudgetUse> budgets(Instant now) {
        Policy policy = policy();
        java.time.YearMonth month = MonthlyBudgets.monthOf(now);
        return transactions.read(tx -> {
            MonthlyBudgets budgets = new MonthlyBudgets(tx.seats(), policy, month);
            List<BudgetUse> uses = new ArrayList<>();
            List<BudgetScope> scopes = new ArrayList<>();
            policy.pools().forEach(p -> scopes.add(BudgetScope.pool(p.group())));
            policy.tiers().forEach(t -> scopes.add(BudgetScope.tier(t.name())));
            for (BudgetScope scope : scopes) {
                uses.add(new BudgetUse(scope, month, budgets.budgetOf(scope), budgets.committedUsd(scope)));
            }
            return uses;
        });
    }

    /**
     * Reclaims idle seats found by the usage report (pools with {@code reclaim: release}), audited as
     * {@code seat.reclaimed} with the evidence, and gives them to the first users waiting. A user whose seat changed
     * pool since it was found idle is left alone.
     *
     * @param idle the idle holders by user id: the pool their idle seat is in, and the evidence
     */
    public List<SeatEvent> reclaim(Map<String, IdleSeat> idle, ChangeContext ctx) {
        if (idle.isEmpty()) {
            return List.of();
        }
        return transactions.write(tx -> {
            Instant at = tx.seats().lockForAllocation(ctx.at());
            Map<String, String> reasons = new java.util.TreeMap<>();
            Map<String, ReclaimEvidence> evidence = new java.util.HashMap<>();
            idle.forEach((userId, seat) -> tx.seats()
                    .seatOf(userId)
                    .filter(s -> dev.kiroscim.core.policy.Pool.keyOf(s.pool())
                            .equals(dev.kiroscim.core.policy.Pool.keyOf(seat.pool())))
                    .ifPresent(s -> {
                        reasons.put(
                                userId,
                                "no Kiro activity for " + seat.evidence().daysIdle() + " days ("
                                        + (seat.evidence().lastActivity() == null
                                                ? "none since the grant"
                                                : "last: " + seat.evidence().lastActivity())
                                        + "); the pool reclaims idle seats");
                        evidence.put(userId, seat.evidence());
                    }));
            return allocateAndAudit(tx, ctx, evidence, allocator -> allocator.reclaim(policy(), at, reasons));
        });
    }

    /** Runs one allocation step (the lock already held) and audits its seat events and exhausted budgets. */
    private static List<SeatEvent> allocateAndAudit(
            Directory tx,
            ChangeContext ctx,
            Map<String, ReclaimEvidence> evidence,
            java.util.function.Function<SeatAllocator, List<SeatEvent>> step) {
        SeatAllocator allocator = new SeatAllocator(tx.seats());
        List<SeatEvent> events = step.apply(allocator);
        SeatAuditing.record(tx, ctx, events, Map.of(), evidence);
        SeatAuditing.recordBudgets(tx, ctx, allocator.drainBudgetsExhausted());
        return events;
    }

    /** An idle seat to reclaim: its pool and the report's evidence. */
    public record IdleSeat(String pool, ReclaimEvidence evidence) {}

    public SeatOverview overview() {
        Policy policy = policy();
        return transactions.read(tx -> {
            List<SeatOverview.PoolUse> pools = new ArrayList<>();
            Map<String, Integer> assignedByTier = new LinkedHashMap<>();
            policy.tiers().forEach(t -> assignedByTier.put(t.name(), 0));
            for (Pool pool : policy.pools()) {
                int assigned = tx.seats().countAssigned(pool.group());
                int waiting = tx.seats().countWaiting(pool.group(), policy.tiersBelow(pool));
                pools.add(new SeatOverview.PoolUse(pool.group(), pool.tier(), pool.seats(), assigned, waiting));
                assignedByTier.merge(pool.tier(), assigned, Integer::sum);
            }
            List<SeatOverview.TierUse> tiers = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (Tier tier : policy.tiers()) {
                int assigned = assignedByTier.get(tier.name());
                BigDecimal cost = tier.monthlyPriceUsd().multiply(BigDecimal.valueOf(assigned));
                tiers.add(new SeatOverview.TierUse(tier.name(), assigned, cost));
                total = total.add(cost);
            }
            return new SeatOverview(pools, tiers, total);
        });
    }

    /** The user's entitlement, or empty when there is no such SCIM user. */
    public Optional<UserEntitlement> entitlement(String userId) {
        Policy policy = policy();
        return transactions.read(tx -> tx.users()
                .find(userId)
                .map(user ->
                        new UserEntitlement(user.userName(), new EntitlementReader(tx.seats()).read(policy, userId))));
    }

    /**
     * A page of entitlements matching {@code filter}, in user id order, after the cursor {@code after} ({@code ""}
     * for the first page). Candidates come from the narrowest source: seat holders for {@code state=ASSIGNED},
     * the pool's members for {@code pool=}, all users otherwise.
     */
    public EntitlementPage list(EntitlementFilter filter, String after, int limit) {
        Policy policy = policy();
        return transactions.read(tx -> {
            EntitlementReader reader = new EntitlementReader(tx.seats());
            List<UserEntitlement> items = new ArrayList<>();
            String cursor = after;
            int scanned = 0;
            boolean sourceDone = false;
            while (!sourceDone && items.size() < limit && scanned < SCAN_BUDGET) {
                int batch = Math.min(limit, SCAN_BUDGET - scanned);
                List<String> ids = candidates(tx, policy, filter, cursor, batch);
                int used = 0;
                for (String id : ids) {
                    cursor = id;
                    scanned++;
                    used++;
                    Entitlement e = reader.read(policy, id);
                    if (filter.matches(e)) {
                        String name =
                                tx.users().find(id).map(UserRecord::userName).orElse(null);
                        items.add(new UserEntitlement(name, e));
                        if (items.size() == limit) {
                            break;
                        }
                    }
                }
                sourceDone = ids.size() < batch && used == ids.size();
            }
            return new EntitlementPage(items, sourceDone ? Optional.empty() : Optional.of(cursor));
        });
    }

    private static List<String> candidates(
            Directory tx, Policy policy, EntitlementFilter filter, String after, int limit) {
        if (filter.state().filter(s -> s == Entitlement.State.ASSIGNED).isPresent()) {
            return tx.seats()
                    .holderIdsAfter(
                            filter.pool().flatMap(policy::pool).map(Pool::group).or(filter::pool),
                            filter.tier(),
                            after,
                            limit);
        }
        if (filter.pool().isPresent()) {
            return tx.seats().memberIdsAfter(filter.pool().get(), after, limit);
        }
        return tx.seats().userIdsAfter(after, limit);
    }

    /** The context of work the server does on its own (expiry, start-up load). */
    public static ChangeContext system(Instant at) {
        return new ChangeContext(ChangeContext.SYSTEM, null, at);
    }
}
