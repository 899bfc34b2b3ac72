package dev.kiroscim.core.seats;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.Directory;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes each {@link SeatEvent} of an allocation step as a {@code seat.*} audit event in the same transaction, with
 * the user as subject (named by their userName at the time) and, for {@code seat.waitlisted}, the queue position:
 * <pre>
 * seat.waitlisted  subject=(id, "bob@example.com")  {"pool":"Kiro-Platform","tier":"PRO_PLUS","position":3,"reason":"…"}
 * </pre>
 */
final class SeatAuditing {

    private static final Pattern POSITION = Pattern.compile("position (\\d+)");

    private SeatAuditing() {
    }

    /** @param knownNames userName of users the directory no longer has (deleted in this transaction), by id */
    static void record(Directory tx, ChangeContext ctx, List<SeatEvent> events, Map<String, String> knownNames) {
        for (SeatEvent event : events) {
            String name = knownNames.get(event.userId());
            if (name == null) {
                name = tx.users().find(event.userId()).map(UserRecord::userName).orElse(null);
            }
            tx.audit().append(ctx, entry(event, AuditSubject.user(event.userId(), name)));
        }
    }

    private static AuditEntry entry(SeatEvent e, AuditSubject user) {
        if (e.type() == SeatEvent.Type.ASSIGNED) {
            return AuditEvents.seatAssigned(user, e.pool(), e.tier(), e.reason());
        } else if (e.type() == SeatEvent.Type.PROMOTED) {
            return AuditEvents.seatPromoted(user, e.pool(), e.tier(), e.reason());
        } else if (e.type() == SeatEvent.Type.RELEASED) {
            return AuditEvents.seatReleased(user, e.pool(), e.tier(), e.reason());
        } else if (e.type() == SeatEvent.Type.EXPIRED) {
            return AuditEvents.seatExpired(user, e.pool(), e.tier(), e.reason());
        }
        AuditEntry waitlisted = AuditEvents.seatWaitlisted(user, e.pool(), e.tier(), e.reason());
        Matcher position = POSITION.matcher(e.reason());
        return position.find() ? waitlisted.with("position", Integer.parseInt(position.group(1))) : waitlisted;
    }
}
