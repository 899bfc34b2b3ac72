package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.audit.AttributeChanges;
import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterUserAttribute;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings one user's Identity Store state to their {@link DesiredUser}, making only the calls needed, judged from our
 * {@link IdentityCenterLink} (never from a DescribeUser or a membership check):
 * <pre>
 *   new seat PRO, no link        CreateUser, CreateGroupMembership(kiro-pro)            2 calls
 *   PRO → POWER                   DeleteGroupMembership(m-1), CreateGroupMembership(kiro-power)  2 calls
 *   familyName changed            UpdateUser(name.familyName)                            1 call
 *   deactivated                   DeleteGroupMembership(m-2)                             1 call
 *   SCIM DELETE (user we created) DeleteUser (memberships go with it)                    1 call
 * </pre>
 *
 * <p><b>Idempotent under lost answers.</b> After each successful call the new link and that call's {@code identityCenter.*}
 * audit event are recorded ({@link Progress}, one transaction each). If the process dies between a call taking
 * effect and the record, the retry converges anyway: CreateUser gives Conflict, and the user is looked up and kept
 * (as created by us, because a {@link IdentityCenterLink.Origin#CREATING} mark was recorded before sending); CreateGroupMembership
 * answers AlreadyMember, and because {@link IdentityCenterLink#ADDING} was recorded before it, a user deactivated meanwhile has
 * the membership removed rather than forgotten; deletes of missing things answer "not found", which is done.
 *
 * <p>Only tier groups and users we created or adopted are touched; no user or group is ever deleted to be recreated.
 */
public final class UserConvergence {

    /** Records the link after a call (or its deletion, with {@code link == null}) with the call's audit events. */
    @FunctionalInterface
    public interface Progress {
        void record(String scimUserId, IdentityCenterLink link, List<AuditEntry> events);
    }

    private final IdentityCenterDirectory store;
    private final TierGroups groups;
    private final Offboarding offboarding;
    private final Progress progress;

    public UserConvergence(
            IdentityCenterDirectory store, TierGroups groups, Offboarding offboarding, Progress progress) {
        this.store = store;
        this.groups = groups;
        this.offboarding = offboarding;
        this.progress = progress;
    }

    /** @return the link after convergence; empty when we no longer manage an Identity Store user for them */
    public Optional<IdentityCenterLink> converge(DesiredUser desired, Optional<IdentityCenterLink> current) {
        IdentityCenterLink link = current.orElse(null);
        AuditSubject who = AuditSubject.user(desired.scimUserId(), userNameOf(desired, link));
        switch (desired.presence()) {
            case DELETED:
                if (offboard(who, link, true) != null) {
                    progress.record(who.id(), null, List.of()); // an adopted user stays; our link to it goes
                }
                return Optional.empty();
            case INACTIVE:
                return Optional.ofNullable(offboard(who, link, offboarding == Offboarding.DELETE_USER));
            case ACTIVE:
            default:
                return Optional.ofNullable(keep(who, desired, link));
        }
    }

    // ------------------------------------------------------------------ active users

    private IdentityCenterLink keep(AuditSubject who, DesiredUser desired, IdentityCenterLink link) {
        if (link == null && desired.tierGroup().isEmpty()) {
            return null; // no seat, never synced: nothing to do
        }
        if (link == null || link.origin() == IdentityCenterLink.Origin.CREATING) {
            link = createOrAdopt(who, desired.profile(), link);
        } else if (!desired.profile().equals(link.profile())) {
            link = update(who, link, desired.profile());
        }
        for (String group : List.copyOf(link.memberships().keySet())) {
            if (desired.tierGroup().isEmpty() || !desired.tierGroup().get().equals(group)) {
                link = removeMembership(who, link, group);
            }
        }
        if (desired.tierGroup().isPresent()
                && !link.confirmedMemberOf(desired.tierGroup().get())) {
            link = addMembership(
                    who, link, desired.tierGroup().get(), desired.tier().orElse(null));
        }
        return link;
    }

    private IdentityCenterLink createOrAdopt(
            AuditSubject who, IdentityCenterUserProfile profile, IdentityCenterLink link) {
        boolean markedCreating = link != null && link.origin() == IdentityCenterLink.Origin.CREATING;
        if (!markedCreating) {
            link = new IdentityCenterLink(who.id(), null, IdentityCenterLink.Origin.CREATING, profile, Map.of());
            progress.record(who.id(), link, List.of());
        }
        try {
            String id = store.createUser(profile);
            IdentityCenterLink created = link.withUser(id, IdentityCenterLink.Origin.CREATED, profile);
            progress.record(who.id(), created, List.of(AuditEvents.identityCenterUserCreated(who, id)));
            return created;
        } catch (IdentityCenterConflict conflict) {
            if (conflict.retryable()) {
                throw conflict;
            }
            String id = store.findUserIdByUserName(profile.userName()).orElseThrow(() -> conflict);
            if (markedCreating) {
                // Our own CreateUser took effect but its answer was lost: still ours.
                IdentityCenterLink created = link.withUser(id, IdentityCenterLink.Origin.CREATED, link.profile());
                progress.record(who.id(), created, List.of(AuditEvents.identityCenterUserCreated(who, id)));
                return update(who, created, profile);
            }
            IdentityCenterLink adopted = link.withUser(id, IdentityCenterLink.Origin.ADOPTED, null);
            progress.record(who.id(), adopted, List.of(AuditEvents.identityCenterUserAdopted(who, id)));
            return update(who, adopted, profile);
        }
    }

    /** UpdateUser with the attributes that differ from what we last wrote (all of them when we do not know). */
    private IdentityCenterLink update(AuditSubject who, IdentityCenterLink link, IdentityCenterUserProfile desired) {
        List<IdentityCenterUserChange> changes = link.profile() == null
                ? everything(desired)
                : IdentityCenterUserChange.between(link.profile(), desired);
        if (changes.isEmpty()) {
            return link.profile() == null ? link.withProfile(desired) : link;
        }
        try {
            store.updateUser(link.identityCenterUserId(), changes);
        } catch (IdentityCenterNotFound gone) {
            progress.record(
                    who.id(),
                    null,
                    List.of(AuditEvents.identityCenterDriftRepaired(
                            who,
                            "Identity Store user " + link.identityCenterUserId() + " was deleted outside the bridge",
                            "create it again")));
            return createOrAdopt(who, desired, null).withMemberships(Map.of());
        }
        IdentityCenterLink updated = link.withProfile(desired);
        progress.record(
                who.id(),
                updated,
                List.of(AuditEvents.identityCenterUserUpdated(
                        who, link.identityCenterUserId(), describe(link.profile(), changes))));
        return updated;
    }

    private IdentityCenterLink addMembership(AuditSubject who, IdentityCenterLink link, String group, String tier) {
        String groupId = groups.ensure(group, store);
        if (!link.memberships().containsKey(group)) {
            link = link.withMembership(
                    group, IdentityCenterLink.ADDING); // crash after send: see IdentityCenterLink.ADDING
            progress.record(who.id(), link, List.of());
        }
        AddMembershipResult result;
        try {
            result = store.addMembership(groupId, link.identityCenterUserId());
        } catch (IdentityCenterNotFound stale) {
            if ("USER".equals(stale.resourceType())) {
                progress.record(who.id(), null, List.of());
            } else {
                groups.forget(group);
            }
            throw new StaleReference(stale.getMessage(), stale);
        }
        String membershipId = result instanceof AddMembershipResult.Added
                ? ((AddMembershipResult.Added) result).membershipId()
                : null;
        IdentityCenterLink next = link.withMembership(group, membershipId);
        progress.record(
                who.id(),
                next,
                List.of(AuditEvents.identityCenterMembershipAdded(who, link.identityCenterUserId(), group, tier)));
        return next;
    }

    private IdentityCenterLink removeMembership(AuditSubject who, IdentityCenterLink link, String group) {
        String membershipId = link.memberships().get(group);
        if (membershipId != null && !IdentityCenterLink.ADDING.equals(membershipId)) {
            store.removeMembershipById(membershipId); // false = already gone: done
        } else {
            Optional<String> groupId = groups.find(group, store);
            if (groupId.isPresent()) {
                store.removeMembership(groupId.get(), link.identityCenterUserId());
            }
        }
        IdentityCenterLink next = link.withoutMembership(group);
        progress.record(
                who.id(),
                next,
                List.of(AuditEvents.identityCenterMembershipRemoved(who, link.identityCenterUserId(), group, null)));
        return next;
    }

    // ------------------------------------------------------------------ offboarding

    private IdentityCenterLink offboard(AuditSubject who, IdentityCenterLink link, boolean deleteIfOurs) {
        if (link == null) {
            return null;
        }
        if (link.origin() == IdentityCenterLink.Origin.CREATING) {
            // CreateUser may have taken effect without us hearing back: find it by userName to clean it up.
            Optional<String> id = link.profile() == null
                    ? Optional.empty()
                    : store.findUserIdByUserName(link.profile().userName());
            if (id.isEmpty()) {
                progress.record(who.id(), null, List.of());
                return null;
            }
            link = link.withUser(id.get(), IdentityCenterLink.Origin.CREATED, link.profile());
        }
        if (deleteIfOurs && link.ownedByUs()) {
            store.deleteUser(link.identityCenterUserId()); // false = already gone: done; memberships go with the user
            progress.record(
                    who.id(), null, List.of(AuditEvents.identityCenterUserDeleted(who, link.identityCenterUserId())));
            return null;
        }
        for (String group : List.copyOf(link.memberships().keySet())) {
            link = removeMembership(who, link, group);
        }
        return link;
    }

    // ------------------------------------------------------------------ helpers

    private static String userNameOf(DesiredUser desired, IdentityCenterLink link) {
        if (desired.profile() != null) {
            return desired.profile().userName();
        }
        return link != null && link.profile() != null ? link.profile().userName() : null;
    }

    private static List<IdentityCenterUserChange> everything(IdentityCenterUserProfile p) {
        List<IdentityCenterUserChange> all = new ArrayList<>();
        all.add(new IdentityCenterUserChange(IdentityCenterUserAttribute.DISPLAY_NAME, p.displayName()));
        all.add(new IdentityCenterUserChange(IdentityCenterUserAttribute.GIVEN_NAME, p.givenName()));
        all.add(new IdentityCenterUserChange(IdentityCenterUserAttribute.FAMILY_NAME, p.familyName()));
        if (p.email() != null) {
            all.add(new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, p.email()));
        }
        return all;
    }

    private static Map<String, Object> describe(
            IdentityCenterUserProfile before, List<IdentityCenterUserChange> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (IdentityCenterUserChange c : changes) {
            Object old = before == null ? null : oldValue(before, c.attribute());
            out.put(c.attribute().attributePath(), AttributeChanges.change(old, c.newValue()));
        }
        return out;
    }

    private static String oldValue(IdentityCenterUserProfile p, IdentityCenterUserAttribute attribute) {
        switch (attribute) {
            case USER_NAME:
                return p.userName();
            case DISPLAY_NAME:
                return p.displayName();
            case GIVEN_NAME:
                return p.givenName();
            case FAMILY_NAME:
                return p.familyName();
            case EMAIL:
                return p.email();
            default:
                return null;
        }
    }
}
