package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Identity Center that plan-only mode (no {@code identityStoreId}) reads: an empty one. Every list call answers
 * one empty page and every lookup finds nothing, so the {@link Reconciler} plans everything a first live reconcile
 * would send (the tier groups to create, each seated user to create and add); {@link PlanningDirectory} records those
 * calls. Nothing is ever sent, so a write here is a bug: it throws.
 *
 * <p>Example: with tiers in 3 groups, a plan-only plan reports 4 reads (3 GetGroupId, 1 ListUsers), the 3 groups as
 * missing, and for each seated user the CreateUser and CreateGroupMembership a live start would send.
 */
final class EmptyIdentityCenter implements IdentityCenterDirectory {

    @Override
    public Optional<String> findUserIdByUserName(String userName) {
        return Optional.empty();
    }

    @Override
    public Optional<String> findGroupIdByDisplayName(String displayName) {
        return Optional.empty();
    }

    @Override
    public Stream<List<IdentityCenterMembership>> groupMembershipPages(String groupId) {
        return Stream.of(List.of());
    }

    @Override
    public Stream<List<IdentityCenterUser>> userPages() {
        return Stream.of(List.of());
    }

    @Override
    public String createUser(IdentityCenterUserProfile profile) {
        throw nothingIsSent();
    }

    @Override
    public void updateUser(String userId, List<IdentityCenterUserChange> changes) {
        throw nothingIsSent();
    }

    @Override
    public boolean deleteUser(String userId) {
        throw nothingIsSent();
    }

    @Override
    public String createGroup(String displayName) {
        throw nothingIsSent();
    }

    @Override
    public AddMembershipResult addMembership(String groupId, String userId) {
        throw nothingIsSent();
    }

    @Override
    public boolean removeMembership(String groupId, String userId) {
        throw nothingIsSent();
    }

    @Override
    public boolean removeMembershipById(String membershipId) {
        throw nothingIsSent();
    }

    private static IllegalStateException nothingIsSent() {
        return new IllegalStateException("plan-only mode sends nothing to Identity Center");
    }
}
