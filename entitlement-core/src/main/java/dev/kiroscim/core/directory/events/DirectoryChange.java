package dev.kiroscim.core.directory.events;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import java.util.List;

/**
 * What a provisioning request changed in the directory, in the order it happened. Listeners (seat allocation,
 * audit log, Identity Center outbox) receive these inside the request's own transaction, so a change and
 * everything that follows from it commit or roll back together.
 */
public sealed interface DirectoryChange {

    record UserCreated(UserRecord user) implements DirectoryChange {}

    /** Any change to a user's attributes, including {@code active} flips (deactivation, reactivation) and renames. */
    record UserUpdated(UserRecord before, UserRecord after) implements DirectoryChange {
        public boolean deactivated() {
            return before.active() && !after.active();
        }

        public boolean reactivated() {
            return !before.active() && after.active();
        }
    }

    /** The user is gone, and with it all of its memberships ({@code formerGroupIds}). */
    record UserDeleted(UserRecord user, List<String> formerGroupIds) implements DirectoryChange {
        public UserDeleted {
            formerGroupIds = List.copyOf(formerGroupIds);
        }
    }

    record GroupCreated(GroupRecord group) implements DirectoryChange {}

    /** A change to a group's own attributes (displayName, externalId); not its members. */
    record GroupUpdated(GroupRecord before, GroupRecord after) implements DirectoryChange {
        public boolean renamed() {
            return !before.displayName().equals(after.displayName());
        }
    }

    /** The group is gone, and with it all of its memberships ({@code formerMemberIds}). */
    record GroupDeleted(GroupRecord group, List<String> formerMemberIds) implements DirectoryChange {
        public GroupDeleted {
            formerMemberIds = List.copyOf(formerMemberIds);
        }
    }

    /** Users that became members (ids already members are not listed). */
    record MembersAdded(GroupRecord group, List<String> userIds) implements DirectoryChange {
        public MembersAdded {
            userIds = List.copyOf(userIds);
        }
    }

    /** Users that stopped being members (ids that were not members are not listed). */
    record MembersRemoved(GroupRecord group, List<String> userIds) implements DirectoryChange {
        public MembersRemoved {
            userIds = List.copyOf(userIds);
        }
    }
}
