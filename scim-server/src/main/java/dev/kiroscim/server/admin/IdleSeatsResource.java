package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.usage.IdleSeats;
import dev.kiroscim.core.usage.SeatActivity;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /admin/v1/seats/idle?days=30} (admin scope): seat holders with no Kiro activity in the report for that
 * many days ({@code idle}), kept apart from holders the report says nothing about ({@code noReportData}: report not
 * configured or not imported, data ending before the grant, or user not linked to an Identity Store user). Missing
 * data is never idleness.
 */
@Path("admin/v1/seats/idle")
public final class IdleSeatsResource {

    private final IdleSeats idle;

    public IdleSeatsResource(IdleSeats idle) {
        this.idle = idle;
    }

    @GET
    public Response idle(@QueryParam("days") String daysParam) {
        int days;
        try {
            days = daysParam == null || daysParam.isBlank() ? 30 : Integer.parseInt(daysParam.trim());
            IdleSeats.Result r = idle.find(days);
            return Response.ok(ScimJson.bytes(json(r))).type("application/json").build();
        } catch (NumberFormatException e) {
            return AdminErrors.of(400, "days must be a whole number >= 1, like days=30, not '" + daysParam + "'");
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    static ObjectNode json(IdleSeats.Result r) {
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("days", r.days())
                .put("reportConfigured", r.reportConfigured())
                .put("dataThrough", r.dataThrough().map(Object::toString).orElse(null));
        add(out.putArray("idle"), r.with(SeatActivity.Verdict.IDLE));
        add(out.putArray("inGrace"), r.with(SeatActivity.Verdict.IN_GRACE));
        List<SeatActivity> noData =
                r.holders().stream().filter(h -> !h.hasData()).toList();
        add(out.putArray("noReportData"), noData);
        out.putObject("counts")
                .put("holders", r.holders().size())
                .put("active", r.with(SeatActivity.Verdict.ACTIVE).size())
                .put("idle", r.with(SeatActivity.Verdict.IDLE).size())
                .put("inGrace", r.with(SeatActivity.Verdict.IN_GRACE).size())
                .put("noReportData", r.with(SeatActivity.Verdict.NO_REPORT_DATA).size())
                .put("notMapped", r.with(SeatActivity.Verdict.NOT_MAPPED).size());
        return out;
    }

    private static void add(ArrayNode array, List<SeatActivity> holders) {
        for (SeatActivity h : holders) {
            array.addObject()
                    .put("userId", h.userId())
                    .put("userName", h.userName())
                    .put("pool", h.pool())
                    .put("tier", h.tier())
                    .put("assignedAt", h.assignedAt().toString())
                    .put("verdict", h.verdict().name())
                    .put("lastActivity", h.lastActivity().map(Object::toString).orElse(null))
                    .put("lastClient", h.lastClient())
                    .put("daysIdle", h.daysIdle().orElse(null))
                    .put("message", h.message());
        }
    }
}
