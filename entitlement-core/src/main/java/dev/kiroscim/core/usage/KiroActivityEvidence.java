package dev.kiroscim.core.usage;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.explain.Check;
import dev.kiroscim.core.explain.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds the Kiro side to {@code explain}: the report's evidence that the user really uses Kiro ("last Kiro activity:
 * 2026-11-28 (KIRO_IDE)", or "no activity in the report since the seat was granted on …"), the first evidence beyond
 * Identity Center membership that they can sign in; and, for a user whose seat was reclaimed, why and how to get it
 * back. The check is informative: it never changes the verdict except for a reclaimed seat, which is why there is none.
 */
public final class KiroActivityEvidence {

    private static final String TITLE = "Kiro activity (from the usage report)";

    private final IdleSeats idle;
    private final AuditTrail trail;

    public KiroActivityEvidence(IdleSeats idle, AuditTrail trail) {
        this.idle = idle;
        this.trail = trail;
    }

    public Explanation addTo(Explanation e) {
        if (e.userId() == null) {
            return e;
        }
        List<Check> checks = new ArrayList<>(e.checks());
        int step = checks.size() + 1;
        Optional<SeatActivity> activity = idle.of(e.userId());
        String verdict = e.verdict();
        if (activity.isPresent()) {
            SeatActivity a = activity.get();
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("verdict", a.verdict().name());
            a.lastActivity().ifPresent(d -> evidence.put("lastActivity", d.toString()));
            if (a.lastClient() != null) {
                evidence.put("lastClient", a.lastClient());
            }
            a.daysIdle().ifPresent(d -> evidence.put("daysIdle", d));
            Check.Outcome outcome = switch (a.verdict()) {
                case ACTIVE -> Check.Outcome.OK;
                case IDLE, IN_GRACE -> Check.Outcome.WARNING;
                default -> Check.Outcome.UNKNOWN;
            };
            checks.add(new Check(step, TITLE, outcome, a.message(), evidence));
        } else {
            Optional<AuditEvent> reclaimed = lastReclaim(e.userId());
            if (reclaimed.isPresent()) {
                AuditEvent r = reclaimed.get();
                Map<String, Object> d = r.details();
                String message =
                        "the seat in " + d.get("pool") + " was reclaimed on " + r.at() + " after " + d.get("daysIdle")
                                + " days without Kiro activity ("
                                + (d.get("lastActivity") == null
                                        ? "none since the grant"
                                        : "last activity " + d.get("lastActivity"))
                                + "). To get a seat back: be removed from and re-added to "
                                + d.get("pool")
                                + " in the identity provider (re-joining puts the user at the end of the queue); "
                                + "then use Kiro within the pool's idle period to keep it.";
                Map<String, Object> evidence = new LinkedHashMap<>();
                d.forEach((k, v) -> {
                    if (v != null) { // explain evidence holds no nulls: "no activity since the grant" is the absent key
                        evidence.put(k, v);
                    }
                });
                evidence.put("reclaimedAt", r.at().toString());
                checks.add(new Check(step, TITLE, Check.Outcome.BROKEN, message, evidence));
                verdict = "Step " + step + " (" + TITLE + "): " + message;
            } else {
                checks.add(new Check(
                        step,
                        TITLE,
                        Check.Outcome.UNKNOWN,
                        "the user holds no seat; the report's activity is not checked",
                        Map.of()));
            }
        }
        return new Explanation(e.query(), e.userId(), e.userName(), verdict, checks);
    }

    /** The user's latest {@code seat.reclaimed}, unless they got a seat after it. */
    private Optional<AuditEvent> lastReclaim(String userId) {
        AuditEvent last = null;
        long after = 0;
        List<String> seatTypes = AuditEvents.typesMatching("seat.");
        while (true) {
            AuditPage page =
                    trail.query(new AuditQuery(null, userId, null, seatTypes, null, null, AuditQuery.MAX_LIMIT, after));
            for (AuditEvent event : page.events()) {
                if (event.type().equals(AuditEvents.SEAT_RECLAIMED)) {
                    last = event;
                } else if (event.type().equals(AuditEvents.SEAT_ASSIGNED)
                        || event.type().equals(AuditEvents.SEAT_PROMOTED)) {
                    last = null;
                }
            }
            if (page.next() == null) {
                break;
            }
            after = AuditQuery.parseCursor(page.next());
        }
        return Optional.ofNullable(last);
    }
}
