package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.seats.service.PoolRoster;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;

/**
 * Pools (admin scope):
 * <ul>
 *   <li>{@code GET /admin/v1/pools/expiring?days=7}: grants that expire within the window, soonest first:
 *       {@code {"until":"…","grants":[{"userId","userName","pool","tier","expiresAt"}]}}</li>
 *   <li>{@code GET /admin/v1/pools/{group}?limit=200}: {@code {"pool","tier","seats","holderCount","holders":[{"userId",
 *       "userName","tier","since","expiresAt"}],"waitingCount","waitlist":[{"position","userId","userName","joinedAt"}]}},
 *       holders by seat time, the waitlist in queue order (position 1 gets the next free seat); 404 for a group that
 *       is not a pool of the policy.</li>
 * </ul>
 */
@Path("admin/v1/pools")
public final class PoolsResource {

    private final PoolRoster roster;
    private final Clock clock;

    public PoolsResource(PoolRoster roster, Clock clock) {
        this.roster = roster;
        this.clock = clock;
    }

    @GET
    @Path("expiring")
    public Response expiring(@QueryParam("days") String days) {
        int n;
        try {
            n = days == null || days.isBlank() ? 7 : Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > 3660) {
            return AdminErrors.of(400, "days must be a number between 0 and 3660");
        }
        var until = clock.instant().plus(Duration.ofDays(n));
        ObjectNode out = ScimJson.MAPPER.createObjectNode().put("until", until.toString());
        ArrayNode grants = out.putArray("grants");
        roster.expiringBy(until)
                .forEach(g -> grants.addObject()
                        .put("userId", g.userId())
                        .put("userName", g.userName())
                        .put("pool", g.pool())
                        .put("tier", g.tier())
                        .put("expiresAt", g.expiresAt().toString()));
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }

    @GET
    @Path("{group}")
    public Response pool(@PathParam("group") String group, @QueryParam("limit") String limit) {
        int n;
        try {
            n = limit == null || limit.isBlank() ? 200 : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 1000) {
            return AdminErrors.of(400, "limit must be a number between 1 and 1000");
        }
        return roster.roster(group, n)
                .map(r -> {
                    ObjectNode out = ScimJson.MAPPER
                            .createObjectNode()
                            .put("pool", r.pool())
                            .put("tier", r.tier());
                    if (r.seats().isPresent()) {
                        out.put("seats", r.seats().getAsInt());
                    } else {
                        out.putNull("seats");
                    }
                    out.put("holderCount", r.holderCount());
                    ArrayNode holders = out.putArray("holders");
                    r.holders()
                            .forEach(h -> holders.addObject()
                                    .put("userId", h.userId())
                                    .put("userName", h.userName())
                                    .put("tier", h.tier())
                                    .put("since", h.since().toString())
                                    .put(
                                            "expiresAt",
                                            h.expiresAt().map(Object::toString).orElse(null)));
                    out.put("waitingCount", r.waitingCount());
                    ArrayNode waitlist = out.putArray("waitlist");
                    r.waitlist()
                            .forEach(w -> waitlist.addObject()
                                    .put("position", w.position())
                                    .put("userId", w.userId())
                                    .put("userName", w.userName())
                                    .put("joinedAt", w.joinedAt().toString()));
                    return Response.ok(ScimJson.bytes(out))
                            .type("application/json")
                            .build();
                })
                .orElseGet(() -> AdminErrors.of(404, "'" + group + "' is not a pool of the policy in force"));
    }
}
