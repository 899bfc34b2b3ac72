package dev.kiroscim.core.sync;

import java.util.Objects;

/**
 * What {@link IdentityCenterDirectory#addMembership(String, String)} did. Adding an existing member is answered by the
 * service with {@code ConflictException}; for the sync that is the desired state, not an error.
 */
public sealed interface AddMembershipResult {

    /** The membership was created. */
    record Added(String membershipId) implements AddMembershipResult {
        public Added {
            Objects.requireNonNull(membershipId, "membershipId");
        }
    }

    /** The user was already a member; the service did not say under which membership id. */
    record AlreadyMember() implements AddMembershipResult {}
}
