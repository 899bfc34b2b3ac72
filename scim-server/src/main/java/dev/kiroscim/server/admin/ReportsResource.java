package dev.kiroscim.server.admin;

import dev.kiroscim.core.audit.report.HoldersReport;
import dev.kiroscim.core.audit.report.OffboardingReport;
import dev.kiroscim.core.audit.report.SeatsReport;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reports rebuilt from the audit log (admin scope), as JSON or CSV ({@code format=csv} / {@code Accept: text/csv}):
 * <ul>
 *   <li>{@code GET /admin/v1/reports/holders?at=2026-10-01T00:00:00Z[&tier=POWER]}</li>
 *   <li>{@code GET /admin/v1/reports/offboarding?since=2026-10-01&until=2026-11-01}</li>
 *   <li>{@code GET /admin/v1/reports/seats?month=2026-10}</li>
 * </ul>
 */
@Path("admin/v1/reports")
public final class ReportsResource {

    private final AuditTrail trail;

    public ReportsResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Path("holders")
    public Response holders(
            @QueryParam("at") String at,
            @QueryParam("tier") String tier,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(() -> {
            Instant instant = TimeArguments.requiredInstant("at", at);
            List<HoldersReport.Holder> holders =
                    trail.holders(instant, tier == null || tier.isBlank() ? null : tier.trim());
            return Formats.wantsCsv(format, accept)
                    ? Formats.csv(AuditRendering.holdersTable(holders)).build()
                    : json(AuditRendering.holdersJson(instant, holders));
        });
    }

    @GET
    @Path("offboarding")
    public Response offboarding(
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(() -> {
            Instant from = TimeArguments.requiredInstant("since", since);
            Instant to = TimeArguments.instant("until", until);
            OffboardingReport.Result r = trail.offboarding(from, to == null ? Instant.now() : to);
            return Formats.wantsCsv(format, accept)
                    ? Formats.csv(AuditRendering.offboardingTable(r)).build()
                    : json(AuditRendering.offboardingJson(r));
        });
    }

    @GET
    @Path("seats")
    public Response seats(
            @QueryParam("month") String month,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return answer(() -> {
            SeatsReport.Result r = trail.seats(TimeArguments.month(month));
            return Formats.wantsCsv(format, accept)
                    ? Formats.csv(AuditRendering.seatsTable(r)).build()
                    : json(AuditRendering.seatsJson(r));
        });
    }

    private static Response answer(Supplier<Response> report) {
        try {
            return report.get();
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    private static Response json(com.fasterxml.jackson.databind.JsonNode node) {
        return Response.ok(ScimJson.bytes(node)).type("application/json").build();
    }
}
