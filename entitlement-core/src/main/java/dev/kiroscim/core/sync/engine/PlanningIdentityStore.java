package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdcMembership;
import dev.kiroscim.core.sync.IdcUser;
import dev.kiroscim.core.sync.IdcUserChange;
import dev.kiroscim.core.sync.IdcUserProfile;
import dev.kiroscim.core.sync.IdentityStore;
import dev.kiroscim.core.sync.IdentityStoreConflict;
import dev.kiroscim.core.sync.IdentityStoreOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A dry-run {@link IdentityStore}: a copy of what a reconcile listed, on which {@link UserConvergence} runs exactly as
 * the worker would, while every call is recorded instead of sent. Because the same code decides, the plan is the
 * calls a reconcile makes. New ids are placeholders such as {@code <new user bjensen>}.
 */
final class PlanningIdentityStore implements IdentityStore {

    private final Map<String, IdcUser> usersById = new HashMap<>();
    private final Map<String, String> groupIdsByName = new HashMap<>();
    private final Map<String, String> groupNamesById = new HashMap<>();
    private final Map<String, IdcMembership> memberships = new HashMap<>();
    private final List<PlannedCall> calls = new ArrayList<>();
    private String currentScimUser;

    PlanningIdentityStore(List<IdcUser> users, Map<String, String> groupIds, List<IdcMembership> listed) {
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

    private void call(IdentityStoreOperation op, String target) {
        calls.add(new PlannedCall(op.apiName(), target, currentScimUser));
    }

    private String userName(String userId) {
        IdcUser u = usersById.get(userId);
        return u == null ? userId : u.userName();
    }

    private String groupName(String groupId) {
        return groupNamesById.getOrDefault(groupId, groupId);
    }

    @Override
    public String createUser(IdcUserProfile profile) {
        call(IdentityStoreOperation.CREATE_USER, profile.userName());
        if (usersById.values().stream().anyMatch(u -> u.userName().equals(profile.userName()))) {
            throw new IdentityStoreConflict(IdentityStoreOperation.CREATE_USER,
                    IdentityStoreConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION, "userName exists: adopt", null, null);
        }
        String id = "<new user " + profile.userName() + ">";
        usersById.put(id, new IdcUser(id, profile.userName(), profile.displayName(), profile.givenName(),
                profile.familyName(), profile.email()));
        return id;
    }

    @Override
    public void updateUser(String userId, List<IdcUserChange> changes) {
        if (!changes.isEmpty()) {
            StringBuilder paths = new StringBuilder();
            changes.forEach(c -> paths.append(paths.length() == 0 ? "" : ",").append(c.attribute().attributePath()));
            call(IdentityStoreOperation.UPDATE_USER, userName(userId) + " [" + paths + "]");
        }
    }

    @Override
    public boolean deleteUser(String userId) {
        call(IdentityStoreOperation.DELETE_USER, userName(userId));
        memberships.values().removeIf(m -> m.userId().equals(userId));
        return usersById.remove(userId) != null;
    }

    @Override
    public Optional<String> findUserIdByUserName(String userName) {
        call(IdentityStoreOperation.GET_USER_ID, userName);
        return usersById.values().stream().filter(u -> u.userName().equals(userName)).map(IdcUser::id).findFirst();
    }

    @Override
    public Optional<String> findGroupIdByDisplayName(String displayName) {
        call(IdentityStoreOperation.GET_GROUP_ID, displayName);
        return Optional.ofNullable(groupIdsByName.get(displayName));
    }

    @Override
    public String createGroup(String displayName) {
        call(IdentityStoreOperation.CREATE_GROUP, displayName);
        String id = "<new group " + displayName + ">";
        groupIdsByName.put(displayName, id);
        groupNamesById.put(id, displayName);
        return id;
    }

    @Override
    public AddMembershipResult addMembership(String groupId, String userId) {
        call(IdentityStoreOperation.CREATE_GROUP_MEMBERSHIP, groupName(groupId) + " + " + userName(userId));
        if (memberships.values().stream().anyMatch(m -> m.groupId().equals(groupId) && m.userId().equals(userId))) {
            return new AddMembershipResult.AlreadyMember();
        }
        String id = "<new membership " + groupName(groupId) + " " + userName(userId) + ">";
        memberships.put(id, new IdcMembership(id, groupId, userId));
        return new AddMembershipResult.Added(id);
    }

    @Override
    public boolean removeMembership(String groupId, String userId) {
        call(IdentityStoreOperation.GET_GROUP_MEMBERSHIP_ID, groupName(groupId) + " - " + userName(userId));
        Optional<IdcMembership> m = memberships.values().stream()
                .filter(x -> x.groupId().equals(groupId) && x.userId().equals(userId)).findFirst();
        return m.map(x -> removeMembershipById(x.membershipId())).orElse(false);
    }

    @Override
    public boolean removeMembershipById(String membershipId) {
        IdcMembership m = memberships.get(membershipId);
        call(IdentityStoreOperation.DELETE_GROUP_MEMBERSHIP,
                m == null ? membershipId : groupName(m.groupId()) + " - " + userName(m.userId()));
        return memberships.remove(membershipId) != null;
    }

    @Override
    public Stream<List<IdcMembership>> groupMembershipPages(String groupId) {
        throw new UnsupportedOperationException("a plan never lists");
    }

    @Override
    public Stream<List<IdcUser>> userPages() {
        throw new UnsupportedOperationException("a plan never lists");
    }
}
