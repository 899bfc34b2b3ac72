package dev.kiroscim.core.seats.service;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.seats.BudgetExhausted;
import dev.kiroscim.core.seats.ReclaimEvidence;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.core.transaction.Directory;
import java.util.List;
import java.util.Map;

/**
 * Records the outcome of an allocation step in the same transaction: every seat change queues Identity Center work
 * for its user (the outbox), and each {@link SeatEvent} becomes a {@code seat.*} audit event, with
 * the user as subject (named by their userName at the time) and, for {@code seat.waitlisted}, the queue position:
 * <pre>
 * seat.waitlisted  subject=(id, "bob@example.com")  {"pool":"Kiro-Platform","tier":"PRO_PLUS","position":3,"reason":"…"}
 * </pre>
 */
final class SeatAuditing {

    private SeatAuditing() {}

    /** @param knownNames userName of users the directory no longer has (deleted in this transaction), by id */
    static void record(Directory tx, ChangeContext ctx, List<SeatEvent> events, Map<String, String> knownNames) {
        record(tx, ctx, events, knownNames, Map.of());
    }

    /** @param reclaimEvidence for RECLAIMED events, by user id: the last activity day (null: none) and days idle */
    static void record(
            Directory tx,
            ChangeContext ctx,
            List<SeatEvent> events,
            Map<String, String> knownNames,
            Map<String, ReclaimEvidence> reclaimEvidence) {
        for (SeatEvent event : events) {
            String name = knownNames.get(event.userId());
            if (name == null) {
                name = tx.users().find(event.userId()).map(UserRecord::userName).orElse(null);
            }
            AuditSubject subject = AuditSubject.user(event.userId(), name);
            ReclaimEvidence evidence = reclaimEvidence.get(event.userId());
            tx.audit()
                    .append(
                            ctx,
                            event.type() == SeatEvent.Type.RECLAIMED && evidence != null
                                    ? AuditEvents.seatReclaimed(
                                            subject,
                                            event.pool(),
                                            event.tier(),
                                            event.reason(),
                                            evidence.lastActivity(),
                                            evidence.daysIdle())
                                    : entry(event, subject));
            if (event.type() != SeatEvent.Type.WAITLISTED) {
                // The seat changed, so the user's Identity Center group must too: queue that work in this same
                // transaction (the outbox), for promotions the request never named as well.
                tx.outbox()
                        .enqueueUser(
                                event.userId(),
                                "seat." + event.type().name().toLowerCase(java.util.Locale.ROOT),
                                ctx.at());
            }
        }
    }

    /** One {@code budget.exhausted} event per budget that refused its first grant of the month. */
    static void recordBudgets(Directory tx, ChangeContext ctx, List<BudgetExhausted> exhausted) {
        for (BudgetExhausted b : exhausted) {
            tx.audit()
                    .append(
                            ctx,
                            AuditEvents.budgetExhausted(
                                    b.scope().kindName(),
                                    b.scope().name(),
                                    b.month().toString(),
                                    b.budgetUsd().toPlainString(),
                                    b.spentUsd().toPlainString(),
                                    b.nextMonthStarts().toString()));
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
        } else if (e.type() == SeatEvent.Type.RECLAIMED) {
            return AuditEvents.seatReclaimed(user, e.pool(), e.tier(), e.reason(), null, -1);
        }
        AuditEntry waitlisted = AuditEvents.seatWaitlisted(user, e.pool(), e.tier(), e.reason());
        return e.position().isPresent()
                ? waitlisted.with("position", e.position().getAsInt())
                : waitlisted;
    }
}
