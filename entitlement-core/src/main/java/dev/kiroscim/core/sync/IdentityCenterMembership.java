package dev.kiroscim.core.sync;

import java.util.Objects;

/**
 * One group membership as ListGroupMemberships returns it: ids only, no user details.
 *
 * @param membershipId the id DeleteGroupMembership needs
 * @param groupId      the group
 * @param userId       the member (Identity Center has no nested groups, so always a user)
 */
public record IdentityCenterMembership(String membershipId, String groupId, String userId) {

    public IdentityCenterMembership {
        Objects.requireNonNull(membershipId, "membershipId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
    }
}
