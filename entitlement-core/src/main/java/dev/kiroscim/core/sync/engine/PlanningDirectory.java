package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A dry-run {@link IdentityCenterDirectory}: a copy of what a reconcile listed, on which {@link UserConvergence} runs exactly as
 * the worker would, while every call is recorded instead of sent. Because the same code decides, the plan is the
 * calls a reconcile makes. New ids are placeholders such as {@code <new user bjensen>}.
 */
final class PlanningDirectory implements IdentityCenterDirectory {

    private final Map<String, IdentityCenterUser> usersById = new HashMap<>();
    private final Map<String, String> groupIdsByName = new HashMap<>();
    private final Map<String, String> groupNamesById = new HashMap<>();
    private final Map<String, IdentityCenterMembership> memberships = new HashMap<>();
    private final List<PlannedCall> calls = new ArrayList<>();
    private String currentScimUser;

    PlanningDirectory(
            List<IdentityCenterUser> users, Map<String, String> groupIds, List<IdentityCenterMembership> listed) {
        users.forEach(u -> usersById.put(u.id(), u));
        groupIds.forEach((name, id) -> {
            groupIdsByName.put(name, id);
            groupNamesById.put(id, name);
        });
        listed.forEach(m -> memberships.put(m.membershipId(), m));
    }

    void forUser(String scimUserId) {
        currentScimUser = scimUserId;
    }

    /** Whether the membership still exists after the calls planned so far. */
    boolean exists(String membershipId) {
        return memberships.containsKey(membershipId);
    }

    List<PlannedCall> calls() {
        return List.copyOf(calls);
    }

    private void call(IdentityCenterOperation op, String target) {
        calls.add(new PlannedCall(op.apiName(), target, currentScimUser));
    }

    private String userName(String userId) {
        IdentityCenterUser u = usersById.get(userId);
        return u == null ? userId : u.userName();
    }

    private String groupName(String groupId) {
        return groupNamesById.getOrDefault(groupId, groupId);
    }

    @Override
    public String createUser(IdentityCenterUserProfile profile) {
        call(IdentityCenterOperation.CREATE_USER, profile.userName());
        if (usersById.values().stream().anyMatch(u -> u.userName().equals(profile.userName()))) {
            throw new IdentityCenterConflict(
                    IdentityCenterOperation.CREATE_USER,
                    IdentityCenterConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION,
                    "userName exists: adopt",
                    null,
                    null);
        }
        String id = "<new user " + profile.userName() + ">";
        usersById.put(
                id,
                new IdentityCenterUser(
                        id,
                        profile.userName(),
                        profile.displayName(),
                        profile.givenName(),
                        profile.familyName(),
                        profile.email()));
        return id;
    }

    @Override
    public void updateUser(String userId, List<IdentityCenterUserChange> changes) {
        if (!changes.isEmpty()) {
            StringBuilder paths = new StringBuilder();
            changes.forEach(c -> paths.append(paths.length() == 0 ? "" : ",")
                    .append(c.attribute().attributePath()));
            call(IdentityCenterOperation.UPDATE_USER, userName(userId) + " [" + paths + "]");
        }
    }

    @Override
    public boolean deleteUser(String userId) {
        call(IdentityCenterOperation.DELETE_USER, userName(userId));
        memberships.values().removeIf(m -> m.userId().equals(userId));
        return usersById.remove(userId) != null;
    }

    @Override
    public Optional<String> findUserIdByUserName(String userName) {
        call(IdentityCenterOperation.GET_USER_ID, userName);
        return usersById.values().stream()
                .filter(u -> u.userName().equals(userName))
                .map(IdentityCenterUser::id)
                .findFirst();
    }

    @Override
    public Optional<String> findGroupIdByDisplayName(String displayName) {
        call(IdentityCenterOperation.GET_GROUP_ID, displayName);
        return Optional.ofNullable(groupIdsByName.get(displayName));
    }

    @Override
    public String createGroup(String displayName) {
        call(IdentityCenterOperation.CREATE_GROUP, displayName);
        String id = "<new group " + displayName + ">";
        groupIdsByName.put(displayName, id);
        groupNamesById.put(id, displayName);
        return id;
    }

    @Override
    public AddMembershipResult addMembership(String groupId, String userId) {
        call(IdentityCenterOperation.CREATE_GROUP_MEMBERSHIP, groupName(groupId) + " + " + userName(userId));
        if (memberships.values().stream()
                .anyMatch(m -> m.groupId().equals(groupId) && m.userId().equals(userId))) {
            return new AddMembershipResult.AlreadyMember();
        }
        String id = "<new membership " + groupName(groupId) + " " + userName(userId) + ">";
        memberships.put(id, new IdentityCenterMembership(id, groupId, userId));
        return new AddMembershipResult.Added(id);
    }

    @Override
    public boolean removeMembership(String groupId, String userId) {
        call(IdentityCenterOperation.GET_GROUP_MEMBERSHIP_ID, groupName(groupId) + " - " + userName(userId));
        Optional<IdentityCenterMembership> m = memberships.values().stream()
                .filter(x -> x.groupId().equals(groupId) && x.userId().equals(userId))
                .findFirst();
        return m.map(x -> removeMembershipById(x.membershipId())).orElse(false);
    }

    @Override
    public boolean removeMembershipById(String membershipId) {
        IdentityCenterMembership m = memberships.get(membershipId);
        call(
                IdentityCenterOperation.DELETE_GROUP_MEMBERSHIP,
                m == null ? membershipId : groupName(m.groupId()) + " - " + userName(m.userId()));
        return memberships.remove(membershipId) != null;
    }

    @Override
    public Stream<List<IdentityCenterMembership>> groupMembershipPages(String groupId) {
        throw new UnsupportedOperationException("a plan never lists");
    }

    @Override
    public Stream<List<IdentityCenterUser>> userPages() {
        throw new UnsupportedOperationException("a plan never lists");
    }
}
