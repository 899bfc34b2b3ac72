package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.directory.Directory;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.directory.events.DirectoryChangeListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes "converge user X" to the outbox, in the SCIM request's transaction, for every user whose Identity Center
 * state may follow from the change: created, updated (profile, deactivation, reactivation), deleted. Membership
 * changes reach Identity Center through seats: the seat listener enqueues the users its {@code SeatEvent}s name, so
 * a promotion cascading to a user the request never named is covered too. Group changes are enqueued for the
 * members as well, which costs nothing when their state did not change.
 *
 * <p>After the listener runs, {@code onEnqueued} (the worker's wake-up) is called; the worker may look before the
 * transaction commits, in which case it finds the item on its next poll.
 */
public final class OutboxListener implements DirectoryChangeListener {

    private final Runnable onEnqueued;

    public OutboxListener(Runnable onEnqueued) {
        this.onEnqueued = onEnqueued;
    }

    @Override
    public void onChanges(Directory tx, ChangeContext context, List<DirectoryChange> changes) {
        Map<String, String> users = new LinkedHashMap<>();
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.UserCreated) {
                users.putIfAbsent(((DirectoryChange.UserCreated) change).user().id(), "scim.user.created");
            } else if (change instanceof DirectoryChange.UserUpdated) {
                DirectoryChange.UserUpdated u = (DirectoryChange.UserUpdated) change;
                users.put(u.after().id(), u.deactivated() ? "scim.user.deactivated"
                        : u.reactivated() ? "scim.user.reactivated" : "scim.user.updated");
            } else if (change instanceof DirectoryChange.UserDeleted) {
                users.put(((DirectoryChange.UserDeleted) change).user().id(), "scim.user.deleted");
            } else if (change instanceof DirectoryChange.MembersAdded) {
                ((DirectoryChange.MembersAdded) change).userIds().forEach(id -> users.putIfAbsent(id, "scim.membership.added"));
            } else if (change instanceof DirectoryChange.MembersRemoved) {
                ((DirectoryChange.MembersRemoved) change).userIds().forEach(id -> users.putIfAbsent(id, "scim.membership.removed"));
            } else if (change instanceof DirectoryChange.GroupDeleted) {
                ((DirectoryChange.GroupDeleted) change).formerMemberIds().forEach(id -> users.putIfAbsent(id, "scim.group.deleted"));
            }
        }
        users.forEach((id, reason) -> tx.outbox().enqueueUser(id, reason, context.at()));
        if (!users.isEmpty()) {
            onEnqueued.run();
        }
    }
}
