package dev.kiroscim.core.sync.state;

import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Our map from a SCIM user to the Identity Store user we manage for them, and what we last wrote there. It is what
 * makes a membership change cost one call (we know the user id and, usually, the membership id) and what tells a
 * SCIM DELETE whether the Identity Store user is ours to delete.
 *
 * <p>Example: bjensen was created by us, then promoted:
 * {@code IdentityCenterLink("2819c223", "9067729b-…", CREATED, profile, {"kiro-power": "m-77", })}.
 *
 * @param scimUserId  the SCIM user id
 * @param identityCenterUserId   the Identity Store {@code UserId}, or {@code null} while {@link Origin#CREATING}
 * @param origin      how we came to manage the user
 * @param profile     the profile last written (or read back by a reconcile); {@code null} when unknown
 * @param memberships tier group displayName → membership id ({@code null} id when the service did not tell us,
 *                    e.g. after an AlreadyMember answer; {@link #ADDING} while CreateGroupMembership is in flight)
 */
public record IdentityCenterLink(
        String scimUserId,
        String identityCenterUserId,
        Origin origin,
        IdentityCenterUserProfile profile,
        Map<String, String> memberships) {

    /**
     * The membership id recorded just before CreateGroupMembership is sent: if the process dies after the service
     * added the member but before the answer was recorded, the link still says "maybe a member", so a later
     * deactivation removes the membership (by lookup) instead of leaving a seat behind; while it is still wanted the
     * add is simply sent again (AlreadyMember is success).
     */
    public static final String ADDING = "(adding)";

    /** Whether the membership of {@code group} is known to exist (recorded after the service confirmed it). */
    public boolean confirmedMemberOf(String group) {
        return memberships.containsKey(group) && !ADDING.equals(memberships.get(group));
    }

    /** How the Identity Store user came to be ours. */
    public enum Origin {
        /**
         * We are about to send CreateUser (recorded first). If the process dies after the service created the user
         * but before we recorded its id, the retry gets a Conflict, looks the user up, and still knows it created
         * it, so a later SCIM DELETE deletes it.
         */
        CREATING,
        /** We created the user: a SCIM DELETE deletes it. */
        CREATED,
        /** The user existed with the same userName; we manage its profile and tier memberships but never delete it. */
        ADOPTED
    }

    public IdentityCenterLink {
        Objects.requireNonNull(scimUserId, "scimUserId");
        Objects.requireNonNull(origin, "origin");
        if (identityCenterUserId == null && origin != Origin.CREATING) {
            throw new IllegalArgumentException("idcUserId is required unless CREATING");
        }
        memberships = java.util.Collections.unmodifiableMap(new TreeMap<>(memberships));
    }

    public static IdentityCenterLink creating(String scimUserId) {
        return new IdentityCenterLink(scimUserId, null, Origin.CREATING, null, Map.of());
    }

    public boolean ownedByUs() {
        return origin != Origin.ADOPTED;
    }

    public IdentityCenterLink withUser(
            String newIdentityCenterUserId, Origin newOrigin, IdentityCenterUserProfile newProfile) {
        return new IdentityCenterLink(scimUserId, newIdentityCenterUserId, newOrigin, newProfile, memberships);
    }

    public IdentityCenterLink withProfile(IdentityCenterUserProfile newProfile) {
        return new IdentityCenterLink(scimUserId, identityCenterUserId, origin, newProfile, memberships);
    }

    public IdentityCenterLink withMembership(String group, String membershipId) {
        Map<String, String> m = new TreeMap<>(memberships);
        m.put(group, membershipId);
        return new IdentityCenterLink(scimUserId, identityCenterUserId, origin, profile, m);
    }

    public IdentityCenterLink withoutMembership(String group) {
        Map<String, String> m = new TreeMap<>(memberships);
        m.remove(group);
        return new IdentityCenterLink(scimUserId, identityCenterUserId, origin, profile, m);
    }

    public IdentityCenterLink withMemberships(Map<String, String> newMemberships) {
        return new IdentityCenterLink(scimUserId, identityCenterUserId, origin, profile, newMemberships);
    }
}
