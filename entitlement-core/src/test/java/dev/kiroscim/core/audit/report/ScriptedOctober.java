package dev.kiroscim.core.audit.report;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted October 2026 of joins and leaves, with hand-computed answers (prices PRO 20, PRO_PLUS 40, POWER 200):
 * <pre>
 * alice  PRO  Kiro-Developers  2026-09-20 → 10-10T12:00 (moved up)    PRO days Oct 1..10 = 10
 *        POWER Kiro-Power       10-10T12:00 → open                     POWER days Oct 10..31 = 22   billed POWER
 * bob    PRO_PLUS Kiro-Platform 10-05T08:00 → 10-15T09:00 (deactivated) days Oct 5..15 = 11         billed PRO_PLUS
 *        Identity Center removal 09:00:04.5 → latency 4.500 s
 * carol  PRO  10-31T23:00 → open                                       1 day                       billed PRO
 * dave   PRO  08-01 → 09-30T23:59:59 (left); deleted via SCIM 10-20 with no seat
 * erin   waitlisted for PRO on 10-03, never held a seat
 * frank  POWER 10-01T00:00 → 10-25T10:00 (deactivated)                 days Oct 1..25 = 25         billed POWER
 *        Identity Center removal 10:01:00 → latency 60.000 s
 * </pre>
 * Seat-days: PRO 11, PRO_PLUS 11, POWER 47. Billed: POWER 2 (400), PRO_PLUS 1 (40), PRO 1 (20); total 460.
 * Offboarding in October: bob 4.500, dave (no seat), frank 60.000 → median 32.250, max 60.000.
 */
final class ScriptedOctober {

    static final AuditSubject ALICE = AuditSubject.user("u-alice", "alice@example.com");
    static final AuditSubject BOB = AuditSubject.user("u-bob", "bob@example.com");
    static final AuditSubject CAROL = AuditSubject.user("u-carol", "carol@example.com");
    static final AuditSubject DAVE = AuditSubject.user("u-dave", "dave@example.com");
    static final AuditSubject ERIN = AuditSubject.user("u-erin", "erin@example.com");
    static final AuditSubject FRANK = AuditSubject.user("u-frank", "frank@example.com");

    private final List<AuditEvent> events = new ArrayList<>();

    static List<AuditEvent> events() {
        ScriptedOctober s = new ScriptedOctober();
        s.at("2026-08-01T00:00:00Z", AuditEvents.seatAssigned(DAVE, "Kiro-Developers", "PRO", "joined"));
        s.at("2026-09-20T00:00:00Z", AuditEvents.seatAssigned(ALICE, "Kiro-Developers", "PRO", "joined"));
        s.at("2026-09-30T23:59:59Z", AuditEvents.seatReleased(DAVE, "Kiro-Developers", "PRO", "left-group"));
        s.at("2026-10-01T00:00:00Z", AuditEvents.seatAssigned(FRANK, "Kiro-Power", "POWER", "joined"));
        s.at(
                "2026-10-03T00:00:00Z",
                AuditEvents.seatWaitlisted(ERIN, "Kiro-Developers", "PRO", "pool full")
                        .with("position", 1));
        s.at("2026-10-05T08:00:00Z", AuditEvents.seatAssigned(BOB, "Kiro-Platform", "PRO_PLUS", "joined"));
        s.at("2026-10-10T12:00:00Z", AuditEvents.seatPromoted(ALICE, "Kiro-Power", "POWER", "joined a higher pool"));
        s.at("2026-10-10T12:00:00Z", AuditEvents.seatReleased(ALICE, "Kiro-Developers", "PRO", "moved-up"));
        s.at("2026-10-15T09:00:00Z", new AuditEntry(AuditEvents.SCIM_USER_DEACTIVATED, BOB, null, java.util.Map.of()));
        s.at("2026-10-15T09:00:00Z", AuditEvents.seatReleased(BOB, "Kiro-Platform", "PRO_PLUS", "deactivated"));
        s.at(
                "2026-10-15T09:00:04.500Z",
                AuditEvents.identityCenterMembershipRemoved(BOB, "idc-bob", "kiro-pro-plus", "PRO_PLUS"));
        s.at("2026-10-20T00:00:00Z", new AuditEntry(AuditEvents.SCIM_USER_DELETED, DAVE, null, java.util.Map.of()));
        s.at(
                "2026-10-25T10:00:00Z",
                new AuditEntry(AuditEvents.SCIM_USER_DEACTIVATED, FRANK, null, java.util.Map.of()));
        s.at("2026-10-25T10:00:00Z", AuditEvents.seatReleased(FRANK, "Kiro-Power", "POWER", "deactivated"));
        s.at(
                "2026-10-25T10:01:00Z",
                AuditEvents.identityCenterMembershipRemoved(FRANK, "idc-frank", "kiro-power", "POWER"));
        s.at("2026-10-31T23:00:00Z", AuditEvents.seatAssigned(CAROL, "Kiro-Developers", "PRO", "joined"));
        return List.copyOf(s.events);
    }

    private void at(String instant, AuditEntry e) {
        events.add(new AuditEvent(
                events.size() + 1,
                Instant.parse(instant),
                e.type(),
                "okta",
                e.subject(),
                e.group(),
                e.details(),
                "r-" + events.size(),
                "",
                ""));
    }
}
