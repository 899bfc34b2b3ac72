package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.seats.SeatEvent;
import dev.kiroscim.server.audit.TimeArguments;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.usage.DailyUsageWork;
import dev.kiroscim.server.usage.UsageComposition;
import dev.kiroscim.server.usage.UsageRendering;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Kiro usage from the per-user activity report (admin scope):
 * <ul>
 *   <li>{@code POST /admin/v1/usage/import[?from=2026-11-01]} (or body {@code {"from":"2026-11-01"}}): the daily
 *       work now: imports new report files, then reclaims idle seats in pools with {@code reclaim: release}; 409 when
 *       no report location is configured, 502 when the location cannot be read.</li>
 *   <li>{@code GET /admin/v1/usage?month=2026-11[&format=csv]}: per-user credits, overage credits, active days per
 *       client, totals.</li>
 * </ul>
 */
@Path("admin/v1/usage")
public final class UsageResource {

    private final UsageComposition usage;
    private final DailyUsageWork daily;

    public UsageResource(UsageComposition usage, DailyUsageWork daily) {
        this.usage = usage;
        this.daily = daily;
    }

    @POST
    @Path("import")
    public Response importNow(@QueryParam("from") String fromParam, byte[] body) {
        Optional<LocalDate> from;
        try {
            from = from(fromParam, body);
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        if (usage.importer().isEmpty()) {
            return AdminErrors.of(
                    409,
                    "usage reports are not configured: set usage.s3 (bucket, prefix, region) and usage.accountId, "
                            + "or usage.directory, in the config file (docs/usage-and-cost.md)");
        }
        try {
            DailyUsageWork.Outcome outcome = daily.run(from);
            var answer = UsageRendering.importJson(outcome.imported());
            var reclaimed = answer.putArray("reclaimed");
            outcome.reclaimed().stream()
                    .filter(e -> e.type() == SeatEvent.Type.RECLAIMED)
                    .forEach(e -> reclaimed
                            .addObject()
                            .put("userId", e.userId())
                            .put("pool", e.pool())
                            .put("reason", e.reason()));
            return Response.ok(ScimJson.bytes(answer)).type("application/json").build();
        } catch (UncheckedIOException e) {
            return AdminErrors.of(502, e.getMessage());
        }
    }

    @GET
    public Response month(
            @QueryParam("month") String month,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        try {
            var m = usage.reports().month(TimeArguments.month(month));
            return Formats.wantsCsv(format, accept)
                    ? Formats.csv(UsageRendering.monthTable(m)).build()
                    : Response.ok(ScimJson.bytes(UsageRendering.monthJson(m)))
                            .type("application/json")
                            .build();
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    private static Optional<LocalDate> from(String param, byte[] body) {
        String text = param;
        if ((text == null || text.isBlank()) && body != null && body.length > 0) {
            try {
                JsonNode node = ScimJson.MAPPER.readTree(body);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("the body must be a JSON object like {\"from\":\"2026-11-01\"}");
                }
                text = node.path("from").isMissingNode() || node.path("from").isNull()
                        ? null
                        : node.path("from").asText();
            } catch (IOException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
            }
        }
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from must be a date like 2026-11-01, not '" + text + "'");
        }
    }
}
