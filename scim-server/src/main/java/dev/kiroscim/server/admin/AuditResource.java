package dev.kiroscim.server.admin;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
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
import java.util.List;

/**
 * {@code GET /admin/v1/audit?userName=&userId=&group=&type=&since=&until=&limit=&cursor=} (admin scope):
 * {@code {"events":[…],"next":"…"}} in seq order; pass {@code next} as {@code cursor} for the following page.
 * {@code type} takes a type or a dotted prefix ({@code seat.}). {@code Accept: text/csv} or {@code format=csv}
 * gives CSV (the cursor of the next page is then in the {@code X-Next-Cursor} header).
 */
@Path("admin/v1/audit")
public final class AuditResource {

    private static final int DEFAULT_LIMIT = 100;

    private final AuditTrail trail;

    public AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public Response query(
            @QueryParam("userName") String userName,
            @QueryParam("userId") String userId,
            @QueryParam("group") String group,
            @QueryParam("type") String type,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        AuditQuery query;
        try {
            List<String> types = AuditEvents.typesMatching(type);
            if (types.isEmpty()) {
                return AdminErrors.of(
                        400,
                        "type '" + type
                                + "' matches no event type; use a type like scim.user.deactivated or a prefix like seat.");
            }
            query = new AuditQuery(
                    blank(userName),
                    blank(userId),
                    blank(group),
                    types,
                    TimeArguments.instant("since", since),
                    TimeArguments.instant("until", until),
                    limit == null || limit.isBlank() ? DEFAULT_LIMIT : parseLimit(limit),
                    AuditQuery.parseCursor(cursor));
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        AuditPage page = trail.query(query);
        if (Formats.wantsCsv(format, accept)) {
            Response.ResponseBuilder r = Formats.csv(AuditRendering.table(page.events()));
            return page.next() == null
                    ? r.build()
                    : r.header("X-Next-Cursor", page.next()).build();
        }
        return Response.ok(ScimJson.bytes(AuditRendering.json(page)))
                .type("application/json")
                .build();
    }

    private static int parseLimit(String limit) {
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number between 1 and " + AuditQuery.MAX_LIMIT);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
