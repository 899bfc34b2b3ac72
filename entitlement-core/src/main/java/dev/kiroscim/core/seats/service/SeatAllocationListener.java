package dev.kiroscim.core.seats.service;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.seats.SeatAllocator;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.DirectoryChangeListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Settles seats inside the SCIM request that changed the directory (rule 1: "releases their seat in that
 * transaction"), and writes every resulting {@link SeatEvent} to the audit log.
 *
 * <p>Touched users, whose seats and queues are re-evaluated:
 * <ul>
 *   <li>a created user; a user whose {@code active} flipped; a deleted user;</li>
 *   <li>members added to or removed from a group that names a pool (by displayName or externalId);</li>
 *   <li>the former members of a deleted group that named a pool.</li>
 * </ul>
 * A group renamed (or given another externalId) so that it starts or stops naming a pool changes the pool of all
 * its members at once; rather than re-evaluating them one by one, the step ends with
 * {@link SeatAllocator#recomputeAll}, whose cost is bounded by the seats held and the free seats.
 *
 * <p>Members added to a pool's group get the step's instant as their join time
 * ({@link SeatStore#stampJoins}), so join order is allocation order even across replicas.
 *
 * <p>The allocation lock is taken before the policy is read, so a concurrent reload is either fully before or
 * fully after this step. (Every request already serialises on the audit chain head at commit, so taking the
 * allocation lock for every directory change costs little and leaves no window where a membership change is judged
 * under an outdated policy.)
 */
public final class SeatAllocationListener implements DirectoryChangeListener {

    private final java.util.function.Function<Directory, Policy> policy;

    public SeatAllocationListener(Supplier<Policy> policy) {
        this.policy = tx -> policy.get();
    }

    /**
     * With the policy read per step, after the allocation lock is held, e.g. {@code seats::policyAfterLock}, which
     * loads a policy another replica made active (issue 9: one policy for the cluster).
     */
    public SeatAllocationListener(java.util.function.Function<Directory, Policy> policyAfterLock) {
        this.policy = policyAfterLock;
    }

    @Override
    public void onChanges(Directory tx, ChangeContext ctx, List<DirectoryChange> changes) {
        if (changes.stream().noneMatch(SeatAllocationListener::mayAffectSeats)) {
            // Most SCIM writes (user creation, profile updates) cannot change a seat under any policy: don't take
            // the allocation lock for them, so they never queue behind allocation steps.
            return;
        }
        SeatStore seats = tx.seats();
        Instant at = seats.lockForAllocation(ctx.at());
        Policy current = policy.apply(tx); // read after the lock: a reload that committed meanwhile is seen
        Set<String> touched = new TreeSet<>();
        Map<String, String> deletedNames = new HashMap<>();
        boolean poolMembershipMoved = false;
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.UserUpdated u) {
                if (u.deactivated() || u.reactivated()) {
                    touched.add(u.after().id());
                }
            } else if (change instanceof DirectoryChange.UserDeleted d) {
                touched.add(d.user().id());
                deletedNames.put(d.user().id(), d.user().userName());
            } else if (change instanceof DirectoryChange.GroupUpdated g) {
                poolMembershipMoved |= !poolsOf(current, g.before()).equals(poolsOf(current, g.after()));
            } else if (change instanceof DirectoryChange.GroupDeleted g) {
                if (!poolsOf(current, g.group()).isEmpty()) {
                    touched.addAll(g.formerMemberIds());
                }
            } else if (change instanceof DirectoryChange.MembersAdded m) {
                if (!poolsOf(current, m.group()).isEmpty()) {
                    seats.stampJoins(m.group().id(), m.userIds(), at);
                    touched.addAll(m.userIds());
                }
            } else if (change instanceof DirectoryChange.MembersRemoved m) {
                if (!poolsOf(current, m.group()).isEmpty()) {
                    touched.addAll(m.userIds());
                }
            }
        }
        if (touched.isEmpty() && !poolMembershipMoved) {
            return;
        }
        SeatAllocator allocator = new SeatAllocator(seats);
        SeatAuditing.record(tx, ctx, allocator.settle(current, touched, at), deletedNames);
        if (poolMembershipMoved) {
            SeatAuditing.record(tx, ctx, allocator.recomputeAll(current, at), deletedNames);
        }
        SeatAuditing.recordBudgets(tx, ctx, allocator.drainBudgetsExhausted());
    }

    /**
     * Whether a change can affect seats under some policy. A new user belongs to no group yet, and an update that
     * does not flip {@code active} leaves membership and eligibility as they were; everything else may.
     */
    static boolean mayAffectSeats(DirectoryChange change) {
        if (change instanceof DirectoryChange.UserCreated) {
            return false;
        }
        if (change instanceof DirectoryChange.UserUpdated u) {
            return u.deactivated() || u.reactivated();
        }
        return true;
    }

    /** Keys of the pools that draw on this group, by its displayName or its externalId. */
    static Set<String> poolsOf(Policy policy, GroupRecord group) {
        Set<String> keys = new TreeSet<>();
        policy.poolsForGroup(group.displayName()).forEach(p -> keys.add(p.key()));
        if (group.externalId() != null) {
            policy.poolsForGroup(group.externalId()).forEach(p -> keys.add(p.key()));
        }
        return keys;
    }
}
