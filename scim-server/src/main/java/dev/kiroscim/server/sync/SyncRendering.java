package dev.kiroscim.server.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.adapter.scim.ScimPlanRequests;
import dev.kiroscim.core.sync.engine.Drift;
import dev.kiroscim.core.sync.engine.IdentityCenterSync;
import dev.kiroscim.core.sync.engine.PlannedCall;
import dev.kiroscim.core.sync.engine.SyncPlan;
import dev.kiroscim.core.sync.state.DeadLetter;
import dev.kiroscim.core.sync.state.ReconcileReport;
import dev.kiroscim.server.scim.render.ScimJson;

/** JSON and text forms of the sync status and plan, shared by {@code /admin/v1/sync} and the {@code plan} command. */
public final class SyncRendering {

    private static final String IDENTITY_STORE_API = "identity-store-api";
    private static final String SCIM = "scim";

    private SyncRendering() {}

    /**
     * @param tokenExpires the downstream token's expiry as configured ({@code identityCenter.scimTokenExpires}),
     *                     shown as {@code downstream.tokenExpires}; null there when not given
     */
    public static ObjectNode status(IdentityCenterSync.Status s, java.util.Optional<java.time.Instant> tokenExpires) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        out.put("mode", s.mode());
        out.put("pending", s.pending());
        out.put("deadLetter", s.deadLetter());
        out.put("oldestPendingAgeSeconds", s.oldestPendingAgeSeconds());
        if (s.lastReconcile().isPresent()) {
            out.set("lastReconcile", report(s.lastReconcile().get()));
        } else {
            out.putNull("lastReconcile");
        }
        ArrayNode dead = out.putArray("deadLetters");
        for (DeadLetter d : s.deadLetters()) {
            ObjectNode n = dead.addObject();
            n.put("userId", d.userId());
            n.put("reason", d.reason());
            n.put("attempts", d.attempts());
            n.put("error", d.lastError());
            n.put("failedAt", d.failedAt().toString());
        }
        ArrayNode created = out.putArray("groupsCreated");
        s.groupsCreated().forEach(created::add);
        ObjectNode downstream = out.putObject("downstream");
        downstream.put("kind", s.downstream());
        s.endpoint().ifPresentOrElse(e -> downstream.put("endpoint", e), () -> downstream.putNull("endpoint"));
        tokenExpires.ifPresentOrElse(
                t -> downstream.put("tokenExpires", t.toString()), () -> downstream.putNull("tokenExpires"));
        s.paused().ifPresentOrElse(reason -> out.put("alert", reason), () -> out.putNull("alert"));
        return out;
    }

    public static ObjectNode report(ReconcileReport r) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.put("time", r.at().toString());
        n.put("changes", r.changes());
        n.put("driftFound", r.drift());
        if (r.error() != null) {
            n.put("error", r.error());
        }
        return n;
    }

    public static ObjectNode plan(SyncPlan p) {
        return plan(p, IDENTITY_STORE_API);
    }

    /**
     * The plan, with each call's SCIM request ({@code "request": "PATCH /Groups/{id of kiro-pro} ..."}) when
     * {@code downstream} is {@code scim}.
     */
    public static ObjectNode plan(SyncPlan p, String downstream) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        out.put("mode", p.mode());
        out.put("at", p.at().toString());
        out.put("readCalls", p.readCalls());
        ArrayNode calls = out.putArray("calls");
        for (PlannedCall c : p.calls()) {
            ObjectNode n = calls.addObject();
            n.put("operation", c.operation());
            n.put("target", c.target());
            if (SCIM.equals(downstream)) {
                n.put("request", ScimPlanRequests.describe(c.operation(), c.target()));
            }
            if (c.scimUserId() != null) {
                n.put("scimUserId", c.scimUserId());
            }
        }
        ArrayNode drift = out.putArray("drift");
        for (Drift d : p.drift()) {
            ObjectNode n = drift.addObject();
            if (d.scimUserId() != null) {
                n.put("scimUserId", d.scimUserId());
            }
            n.put("userName", d.userName());
            n.put("found", d.found());
            n.put("repair", d.repair());
        }
        ArrayNode groups = out.putArray("groupsToCreate");
        p.groupsToCreate().forEach(groups::add);
        if (!p.groupsToCreate().isEmpty()) {
            out.put(
                    "notice",
                    "After these groups are created, subscribe each one to its tier once in the Kiro console"
                            + " (Users & Groups); group members then receive the seat, which can take up to 24 hours.");
        }
        return out;
    }

    public static String planText(SyncPlan p) {
        return planText(p, IDENTITY_STORE_API);
    }

    /** The plan as text; in {@code scim} mode each line is the SCIM request instead of the API call. */
    public static String planText(SyncPlan p, String downstream) {
        StringBuilder b = new StringBuilder();
        b.append("mode: ")
                .append(p.mode())
                .append("   read calls: ")
                .append(p.readCalls())
                .append('\n');
        if (p.calls().isEmpty()) {
            b.append("Identity Center is in sync: no calls to make.\n");
        }
        for (PlannedCall c : p.calls()) {
            b.append(
                    SCIM.equals(downstream)
                            ? ScimPlanRequests.describe(c.operation(), c.target()) + "\n"
                            : String.format("%-24s %s%n", c.operation(), c.target()));
        }
        for (Drift d : p.drift()) {
            b.append("drift: ")
                    .append(d.userName())
                    .append(": ")
                    .append(d.found())
                    .append(" -> ")
                    .append(d.repair())
                    .append('\n');
        }
        for (String g : p.groupsToCreate()) {
            b.append("new tier group ")
                    .append(g)
                    .append(": subscribe it to its tier in the Kiro console once it exists\n");
        }
        return b.toString();
    }
}
