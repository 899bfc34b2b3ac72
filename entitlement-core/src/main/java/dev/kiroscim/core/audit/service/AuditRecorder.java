package dev.kiroscim.core.audit.service;

import dev.kiroscim.core.audit.AttributeChanges;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.events.DirectoryChange;
import dev.kiroscim.core.transaction.Directory;
import dev.kiroscim.core.transaction.DirectoryChangeListener;
import java.util.List;
import java.util.Map;

/**
 * Turns SCIM directory changes into audit events, inside the request's transaction: no change without its event
 * and no event without its change. Membership changes give one event per member, named by the member's
 * userName at the time.
 *
 * <p>A user update that flips {@code active} gives {@code scim.user.deactivated} (or {@code reactivated}), plus
 * {@code scim.user.updated} when other attributes changed in the same request.
 */
public final class AuditRecorder implements DirectoryChangeListener {

    @Override
    public void onChanges(Directory tx, ChangeContext ctx, List<DirectoryChange> changes) {
        AuditLog log = tx.audit();
        for (DirectoryChange change : changes) {
            if (change instanceof DirectoryChange.UserCreated c) {
                log.append(ctx, AuditEvents.userCreated(c.user()));
            } else if (change instanceof DirectoryChange.UserUpdated u) {
                if (u.deactivated()) {
                    log.append(ctx, AuditEvents.userDeactivated(u.after()));
                } else if (u.reactivated()) {
                    log.append(ctx, AuditEvents.userReactivated(u.after()));
                }
                Map<String, Object> other = AttributeChanges.between(u.before(), u.after());
                if (!other.isEmpty() || !u.deactivated() && !u.reactivated()) {
                    log.append(ctx, AuditEvents.userUpdated(u.after(), other));
                }
            } else if (change instanceof DirectoryChange.UserDeleted d) {
                log.append(ctx, AuditEvents.userDeleted(d.user(), d.formerGroupIds()));
            } else if (change instanceof DirectoryChange.GroupCreated c) {
                log.append(ctx, AuditEvents.groupCreated(c.group()));
            } else if (change instanceof DirectoryChange.GroupUpdated u) {
                if (u.renamed()) {
                    log.append(ctx, AuditEvents.groupRenamed(u.before(), u.after()));
                }
                if (!java.util.Objects.equals(u.before().externalId(), u.after().externalId()) || !u.renamed()) {
                    log.append(ctx, AuditEvents.groupUpdated(u.before(), u.after()));
                }
            } else if (change instanceof DirectoryChange.GroupDeleted d) {
                log.append(
                        ctx,
                        AuditEvents.groupDeleted(d.group(), d.formerMemberIds().size()));
            } else if (change instanceof DirectoryChange.MembersAdded a) {
                Map<String, String> names = tx.users().userNames(a.userIds());
                for (String userId : a.userIds()) {
                    log.append(
                            ctx, AuditEvents.membershipAdded(AuditSubject.user(userId, names.get(userId)), a.group()));
                }
            } else if (change instanceof DirectoryChange.MembersRemoved r) {
                Map<String, String> names = tx.users().userNames(r.userIds());
                for (String userId : r.userIds()) {
                    log.append(
                            ctx,
                            AuditEvents.membershipRemoved(AuditSubject.user(userId, names.get(userId)), r.group()));
                }
            }
        }
    }
}
