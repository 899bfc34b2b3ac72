package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.ReconcileReport;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Compares the Identity Store with the desired state and repairs the difference.
 *
 * <p><b>Reading</b> costs the pages listed, never N×M: one GetGroupId per tier group (cached after the first), then
 * ListGroupMemberships pages of each tier group and ListUsers pages (100 per page). For 5,000 users in 3 tier groups
 * that is about 3 + 50 + 50 calls.
 *
 * <p><b>Planning</b> refreshes each managed user's {@link IdentityCenterLink} from what was listed (memberships with their ids,
 * profile, or "the user is gone") and runs {@link UserConvergence} for every managed or seated user against a dry-run
 * copy of the listing ({@link PlanningDirectory}), so the plan is exactly the calls the worker will make.
 * Memberships of tier groups that belong to no user we manage (someone added a user in the console) are planned as
 * DeleteGroupMembership: the tier groups are ours.
 *
 * <p><b>Applying</b> saves the refreshed links, audits each drift as {@code identityCenter.drift.repaired}, removes the strangers'
 * memberships, and enqueues every user with planned calls, so the worker converges them with its usual retries and
 * one-writer-per-user guarantee.
 */
public final class Reconciler {

    private final Transactions db;
    private final IdentityCenterDirectory store;
    private final Supplier<Policy> policy;
    private final SeatLookup seats;
    private final TierGroups groups;
    private final SyncSettings settings;
    private final Clock clock;
    private final String mode;

    public Reconciler(
            Transactions db,
            IdentityCenterDirectory store,
            Supplier<Policy> policy,
            SeatLookup seats,
            TierGroups groups,
            SyncSettings settings,
            Clock clock,
            String mode) {
        this.db = db;
        this.store = store;
        this.policy = policy;
        this.seats = seats;
        this.groups = groups;
        this.settings = settings;
        this.clock = clock;
        this.mode = mode;
    }

    /** What one reconcile pass computed: the plan, plus what applying it writes. */
    private record Pass(
            SyncPlan plan,
            Map<String, IdentityCenterLink> linksRead,
            Map<String, IdentityCenterLink> refreshedLinks,
            Set<String> linksGone,
            Set<String> usersToConverge,
            List<IdentityCenterMembership> strangers,
            Map<String, String> userNames) {}

    public SyncPlan plan() {
        return pass().plan();
    }

    /** Plans and applies. @return the report also stored for {@code GET /admin/v1/sync} */
    public ReconcileReport reconcile() {
        Pass pass = pass();
        ChangeContext ctx = new ChangeContext(ChangeContext.SYSTEM, "reconcile-" + UUID.randomUUID(), clock.instant());
        int changes = pass.plan().calls().size();
        db.write(tx -> {
            // Compare and set: a link the worker changed since this pass read it is left to the worker (the pass's
            // view of that user is already stale), and its drift is not reported; the next pass looks again. The
            // compare locks each link (in user id order) until this transaction ends: with a plain read, a worker
            // committing between the compare and the save below had its change overwritten by this stale view.
            Set<String> movedOn = new TreeSet<>();
            for (String userId : new TreeSet<>(union(pass.refreshedLinks().keySet(), pass.linksGone()))) {
                if (!tx.identityCenterLinks()
                        .findForUpdate(userId)
                        .equals(Optional.ofNullable(pass.linksRead().get(userId)))) {
                    movedOn.add(userId);
                }
            }
            for (IdentityCenterLink link : pass.refreshedLinks().values()) {
                if (!movedOn.contains(link.scimUserId())) {
                    tx.identityCenterLinks().save(link);
                }
            }
            for (String gone : pass.linksGone()) {
                if (!movedOn.contains(gone)) {
                    tx.identityCenterLinks().delete(gone);
                }
            }
            for (Drift d : pass.plan().drift()) {
                if (d.scimUserId() != null && movedOn.contains(d.scimUserId())) {
                    continue;
                }
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.identityCenterDriftRepaired(
                                        AuditSubject.user(d.scimUserId(), d.userName()), d.found(), d.repair()));
            }
            for (String userId : pass.usersToConverge()) {
                tx.outbox().enqueueUser(userId, "reconcile", ctx.at());
            }
            return null;
        });
        for (IdentityCenterMembership stranger : pass.strangers()) {
            store.removeMembershipById(stranger.membershipId()); // false: already gone, done
            db.write(tx -> {
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.identityCenterMembershipRemoved(
                                        AuditSubject.user(
                                                null,
                                                pass.userNames().getOrDefault(stranger.userId(), stranger.userId())),
                                        stranger.userId(),
                                        groupName(stranger.groupId()),
                                        null));
                return null;
            });
        }
        ReconcileReport report = new ReconcileReport(
                clock.instant(), changes, pass.plan().drift().size(), null);
        db.write(tx -> {
            tx.identityCenterLinks().saveLastReconcile(report);
            return null;
        });
        return report;
    }

    private final Map<String, String> groupNamesById = new HashMap<>();

    private String groupName(String groupId) {
        return groupNamesById.getOrDefault(groupId, groupId);
    }

    private Pass pass() {
        Policy current = policy.get();
        Map<String, String> tierOfGroup = new LinkedHashMap<>();
        for (Tier t : current.tiers()) {
            tierOfGroup.putIfAbsent(t.identityCenterGroup(), t.name());
        }
        int[] reads = {0};
        // 0. the links before anything is listed: a link the worker changes while the listing runs (a user created, a
        // membership added) cannot be compared with that listing, so it is not judged in this pass (step 4)
        Map<String, IdentityCenterLink> linksBefore = db.read(tx -> {
            Map<String, IdentityCenterLink> m = new HashMap<>();
            tx.identityCenterLinks().all().forEach(l -> m.put(l.scimUserId(), l));
            return m;
        });
        // 1. tier group ids and their memberships
        Map<String, String> groupIds = new TreeMap<>();
        List<String> missingGroups = new ArrayList<>();
        List<IdentityCenterMembership> listed = new ArrayList<>();
        for (String group : tierOfGroup.keySet()) {
            if (!groups.isKnown(group)) {
                reads[0]++; // GetGroupId; an id the worker already resolved costs no call
            }
            Optional<String> id = groups.find(group, store);
            if (id.isEmpty()) {
                missingGroups.add(group);
                continue;
            }
            groupIds.put(group, id.get());
            groupNamesById.put(id.get(), group);
            store.groupMembershipPages(id.get()).forEach(page -> {
                reads[0]++;
                listed.addAll(page);
            });
        }
        // 2. users
        Map<String, IdentityCenterUser> usersById = new HashMap<>();
        store.userPages().forEach(page -> {
            reads[0]++;
            page.forEach(u -> usersById.put(u.id(), u));
        });
        Map<String, Map<String, String>> actualMemberships =
                new HashMap<>(); // identityCenter user -> group name -> membership
        for (IdentityCenterMembership m : listed) {
            actualMemberships
                    .computeIfAbsent(m.userId(), k -> new TreeMap<>())
                    .put(groupName(m.groupId()), m.membershipId());
        }
        // 3. desired state of every managed or seated user
        record Managed(Map<String, IdentityCenterLink> links, Map<String, DesiredUser> desired) {}
        Managed managed = db.read(tx -> {
            Map<String, IdentityCenterLink> links = new TreeMap<>();
            tx.identityCenterLinks().all().forEach(l -> links.put(l.scimUserId(), l));
            Set<String> ids = new TreeSet<>(links.keySet());
            for (Seat s : seats.allSeats(tx, current)) {
                ids.add(s.userId());
            }
            Map<String, DesiredUser> desired = new TreeMap<>();
            for (String id : ids) {
                Optional<UserRecord> user = tx.users().find(id);
                desired.put(
                        id,
                        DesiredUser.of(id, user, user.isPresent() ? seats.seatOf(tx, id) : Optional.empty(), current));
            }
            return new Managed(links, desired);
        });
        // 4. refresh links from the listing, noting drift
        List<Drift> drift = new ArrayList<>();
        Map<String, IdentityCenterLink> refreshed = new TreeMap<>();
        Set<String> gone = new TreeSet<>();
        Map<String, String> userNameByIdentityCenterId = new HashMap<>();
        usersById.values().forEach(u -> userNameByIdentityCenterId.put(u.id(), u.userName()));
        for (IdentityCenterLink link : managed.links().values()) {
            DesiredUser d = managed.desired().get(link.scimUserId());
            String name = link.profile() != null
                    ? link.profile().userName()
                    : d.profile() != null ? d.profile().userName() : null;
            if (link.identityCenterUserId() == null) {
                continue; // CREATING: the worker resolves it by userName
            }
            if (!link.equals(linksBefore.get(link.scimUserId()))) {
                continue; // changed by the worker while the listing ran: the listing may predate the change
            }
            IdentityCenterUser actual = usersById.get(link.identityCenterUserId());
            if (actual == null) {
                drift.add(new Drift(
                        link.scimUserId(),
                        name,
                        "Identity Store user " + link.identityCenterUserId() + " was deleted outside the bridge",
                        d.tierGroup().isPresent() ? "create it again" : "forget it"));
                gone.add(link.scimUserId());
                continue;
            }
            Map<String, String> memberships = new TreeMap<>();
            link.memberships().forEach((g, mid) -> {
                if (!tierOfGroup.containsKey(g) || !groupIds.containsKey(g)) {
                    memberships.put(g, mid); // a former tier group we cannot list: keep, so it is removed
                }
            });
            memberships.putAll(actualMemberships.getOrDefault(link.identityCenterUserId(), Map.of()));
            link.memberships().forEach((g, mid) -> {
                if (IdentityCenterLink.ADDING.equals(mid)) {
                    // the add may land after the listing (in flight, or sent by a worker that died before recording
                    // it): keep the mark so that the retry removes the membership by lookup if the seat has gone
                    memberships.putIfAbsent(g, mid);
                }
            });
            for (String g :
                    new TreeSet<>(union(memberships.keySet(), link.memberships().keySet()))) {
                if (!tierOfGroup.containsKey(g)) {
                    continue;
                }
                if (IdentityCenterLink.ADDING.equals(link.memberships().get(g))) {
                    continue; // an add in flight or interrupted: the listing below says what is, no drift to report
                }
                boolean was = link.memberships().containsKey(g);
                boolean is = memberships.containsKey(g);
                if (was != is) {
                    boolean wanted = d.tierGroup().map(g::equals).orElse(false);
                    drift.add(new Drift(
                            link.scimUserId(),
                            name,
                            is
                                    ? "member of " + g + " added outside the bridge"
                                    : "membership of " + g + " removed outside the bridge",
                            is == wanted ? "none needed" : is ? "remove the membership" : "add the membership"));
                }
            }
            IdentityCenterLink fresh = link.withMemberships(memberships).withProfile(actual.profile());
            if (link.profile() != null
                    && !link.profile().equals(actual.profile())
                    && d.profile() != null
                    && !d.profile().equals(link.profile())) {
                // changed in SCIM: not drift, the worker's update is pending
            } else if (link.profile() != null && !link.profile().equals(actual.profile())) {
                drift.add(new Drift(link.scimUserId(), name, "profile changed outside the bridge", "update the user"));
            }
            refreshed.put(link.scimUserId(), fresh);
        }
        // 5. plan every user's convergence on a dry-run copy of the listing
        PlanningDirectory planning = new PlanningDirectory(List.copyOf(usersById.values()), groupIds, listed);
        TierGroups planningGroups = new TierGroups();
        groupIds.forEach((g, id) -> planningGroups.remember(g, id));
        Set<String> toConverge = new TreeSet<>();
        Set<String> ownedIdentityCenterUsers = new HashSet<>();
        for (DesiredUser d : managed.desired().values()) {
            Optional<IdentityCenterLink> link = gone.contains(d.scimUserId())
                    ? Optional.empty()
                    : Optional.ofNullable(refreshed.getOrDefault(
                            d.scimUserId(), managed.links().get(d.scimUserId())));
            planning.forUser(d.scimUserId());
            int before = planning.calls().size();
            Optional<IdentityCenterLink> after = new UserConvergence(
                            planning, planningGroups, settings.offboarding(), (u, l, e) -> {})
                    .converge(d, link);
            after.map(IdentityCenterLink::identityCenterUserId).ifPresent(ownedIdentityCenterUsers::add);
            if (planning.calls().size() > before) {
                toConverge.add(d.scimUserId());
            }
        }
        // 6. strangers in tier groups
        planning.forUser(null);
        List<IdentityCenterMembership> strangers = new ArrayList<>();
        for (IdentityCenterMembership m : listed) {
            if (planning.exists(m.membershipId()) && !ownedIdentityCenterUsers.contains(m.userId())) {
                strangers.add(m);
                String who = userNameByIdentityCenterId.getOrDefault(m.userId(), m.userId());
                drift.add(new Drift(
                        null,
                        who,
                        "member of " + groupName(m.groupId()) + " but not a user with a seat managed by the bridge",
                        "remove the membership"));
                planning.removeMembershipById(m.membershipId());
            }
        }
        SyncPlan plan = new SyncPlan(mode, clock.instant(), planning.calls(), drift, missingGroups, reads[0]);
        return new Pass(plan, managed.links(), refreshed, gone, toConverge, strangers, userNameByIdentityCenterId);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
