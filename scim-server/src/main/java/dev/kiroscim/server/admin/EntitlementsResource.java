package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.seats.Entitlement;
import dev.kiroscim.core.seats.EntitlementFilter;
import dev.kiroscim.core.seats.EntitlementPage;
import dev.kiroscim.core.seats.UserEntitlement;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /admin/v1/entitlements} (admin scope).
 * <ul>
 *   <li>{@code GET /{scimUserId}}: {@code {"id":…,"userName":"ann@example.com","state":"ASSIGNED","tier":"PRO","pool":"Kiro-Developers",
 *       "since":"2026-10-01T09:00:00Z","expiresAt":null,"waitlist":[{"pool":"Kiro-Platform","position":1}]}}; 404 for an
 *       unknown user.</li>
 *   <li>{@code GET ?state=WAITLISTED&pool=Kiro-Platform&tier=&limit=100&cursor=…}: {@code {"entitlements":[…],"next":"…"}},
 *       in user id order; pass {@code next} as {@code cursor} until it is {@code null}. A page may be short while
 *       {@code next} is set (each request looks at a bounded number of users).</li>
 * </ul>
 */
@Path("admin/v1/entitlements")
public final class EntitlementsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final ManageSeats seats;

    public EntitlementsResource(ManageSeats seats) {
        this.seats = seats;
    }

    @GET
    @Path("{id}")
    public Response one(@PathParam("id") String id) {
        return seats.entitlement(id)
                .map(e -> Response.ok(ScimJson.bytes(json(e)))
                        .type("application/json")
                        .build())
                .orElseGet(() -> AdminErrors.of(404, "no SCIM user with id '" + id + "'"));
    }

    @GET
    public Response list(
            @QueryParam("state") String state,
            @QueryParam("pool") String pool,
            @QueryParam("tier") String tier,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        Optional<Entitlement.State> wanted;
        try {
            wanted = blank(state)
                    ? Optional.empty()
                    : Optional.of(Entitlement.State.valueOf(state.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, "state must be one of ASSIGNED, WAITLISTED, EXPIRED, NONE; got '" + state + "'");
        }
        // A String, parsed here: as an Integer parameter, JAX-RS answered limit=ten with 404 "no such endpoint".
        int size;
        try {
            size = blank(limit) ? DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_LIMIT) {
            return AdminErrors.of(400, "limit must be between 1 and " + MAX_LIMIT + "; got '" + limit + "'");
        }
        EntitlementFilter filter = new EntitlementFilter(
                wanted,
                blank(pool) ? Optional.empty() : Optional.of(pool.trim()),
                blank(tier) ? Optional.empty() : Optional.of(tier.trim()));
        EntitlementPage page = seats.list(filter, cursor == null ? "" : cursor, size);
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("entitlements");
        page.items().forEach(e -> items.add(json(e)));
        if (page.next().isPresent()) {
            out.put("next", page.next().get());
        } else {
            out.putNull("next");
        }
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }

    public static ObjectNode json(UserEntitlement ue) {
        Entitlement e = ue.entitlement();
        ObjectNode out = ScimJson.MAPPER
                .createObjectNode()
                .put("id", e.userId())
                .put("userName", ue.userName())
                .put("state", e.state().name());
        out.put("tier", e.tier().orElse(null));
        out.put("pool", e.pool().orElse(null));
        out.put("since", e.since().map(Object::toString).orElse(null));
        out.put("expiresAt", e.expiresAt().map(Object::toString).orElse(null));
        ArrayNode waitlist = out.putArray("waitlist");
        e.waitlist().forEach(w -> waitlist.addObject().put("pool", w.pool()).put("position", w.position()));
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
