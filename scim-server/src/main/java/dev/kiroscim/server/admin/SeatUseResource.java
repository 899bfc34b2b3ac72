package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.audit.report.SeatUseSeries;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /admin/v1/seats/history?days=90} (admin scope): seats held at the end of each UTC day (today: now),
 * per pool and per tier, rebuilt from the audit log's seat events:
 * {@code {"days":["2026-09-03",…],"pools":{"Kiro-Developers":[12,13,…]},"tiers":{"PRO":[…]}}}.
 */
@Path("admin/v1/seats/history")
public final class SeatUseResource {

    private final AuditTrail trail;
    private final Clock clock;

    public SeatUseResource(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GET
    public Response history(@QueryParam("days") String days) {
        int n;
        try {
            n = days == null || days.isBlank() ? 90 : Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 731) {
            return AdminErrors.of(400, "days must be a number between 1 and 731");
        }
        SeatUseSeries.Result r = trail.seatUse(n, clock.instant());
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode dayArray = out.putArray("days");
        r.days().forEach(d -> dayArray.add(d.toString()));
        series(out.putObject("pools"), r.pools());
        series(out.putObject("tiers"), r.tiers());
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }

    private static void series(ObjectNode target, Map<String, int[]> series) {
        series.forEach((name, counts) -> {
            ArrayNode a = target.putArray(name);
            for (int c : counts) {
                a.add(c);
            }
        });
    }
}
