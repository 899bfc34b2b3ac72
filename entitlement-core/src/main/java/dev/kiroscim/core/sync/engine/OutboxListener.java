package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.DirectoryChangeListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes "converge user X" to the outbox, in the SCIM request's transaction, for every user whose profile or status
 * Identity Center mirrors: created, updated (profile, deactivation, reactivation), deleted.
 *
 * <p>Membership changes (members added or removed, a group deleted) are <em>not</em> enqueued here: what Identity
 * Center holds of a user's groups follows from their seat, and every seat change is enqueued by the seat listener for
 * the users its {@code SeatEvent}s name ({@code SeatAuditing}), promotions cascading to users the request never named
 * included. Enqueuing here too wrote a second item for every user a membership change moved, and one for every user
 * it did not move (which has nothing to converge).
 *
 * <p>After the listener runs, {@code onEnqueued} (the worker's wake-up) is called, after a membership change too; the worker may look before the
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
        boolean seatsMayHaveMoved = false;
        for (DirectoryChange change : changes) {
            seatsMayHaveMoved |= change instanceof DirectoryChange.MembersAdded
                    || change instanceof DirectoryChange.MembersRemoved
                    || change instanceof DirectoryChange.GroupDeleted;
            if (change instanceof DirectoryChange.UserCreated) {
                users.putIfAbsent(((DirectoryChange.UserCreated) change).user().id(), "scim.user.created");
            } else if (change instanceof DirectoryChange.UserUpdated) {
                DirectoryChange.UserUpdated u = (DirectoryChange.UserUpdated) change;
                users.put(
                        u.after().id(),
                        u.deactivated()
                                ? "scim.user.deactivated"
                                : u.reactivated() ? "scim.user.reactivated" : "scim.user.updated");
            } else if (change instanceof DirectoryChange.UserDeleted) {
                users.put(((DirectoryChange.UserDeleted) change).user().id(), "scim.user.deleted");
            }
        }
        users.forEach((id, reason) -> tx.outbox().enqueueUser(id, reason, context.at()));
        if (!users.isEmpty() || seatsMayHaveMoved) {
            onEnqueued.run(); // for a membership change: the seat listener's items, enqueued before this listener ran
        }
    }
}
