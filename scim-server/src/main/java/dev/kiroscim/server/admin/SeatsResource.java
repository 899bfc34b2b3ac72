package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.seats.service.ManageSeats;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/seats} (admin scope): seat use and monthly cost under the policy in force, e.g.
 * <pre>
 * {"pools":[{"group":"Kiro-Platform","tier":"PRO_PLUS","seats":20,"assigned":20,"waitlisted":3}, …],
 *  "tiers":[{"tier":"PRO","assigned":150,"monthlyCostUsd":3000}, …],
 *  "monthlyCostUsd":3800}
 * </pre>
 * {@code seats} is {@code null} for an unlimited pool. {@code waitlisted} counts users waiting in the pool, including
 * those who hold a lower seat meanwhile (rule 5).
 */
@Path("admin/v1/seats")
public final class SeatsResource {

    /** What {@code monthlyCostUsd} is, and is not. */
    public static final String COST_BASIS = "at current holders x list price; the invoice (GET /admin/v1/invoice) applies "
            + "Kiro's billing rules (highest tier held in the month, released seats charged to the month's end, overage)";

    private final ManageSeats seats;

    public SeatsResource(ManageSeats seats) {
        this.seats = seats;
    }

    @GET
    public Response overview() {
        return Response.ok(ScimJson.bytes(json(seats.overview()))).type("application/json").build();
    }

    public static ObjectNode json(SeatOverview overview) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode pools = out.putArray("pools");
        for (SeatOverview.PoolUse p : overview.pools()) {
            ObjectNode pool = pools.addObject().put("group", p.group()).put("tier", p.tier());
            if (p.seats().isPresent()) {
                pool.put("seats", p.seats().getAsInt());
            } else {
                pool.putNull("seats");
            }
            pool.put("assigned", p.assigned()).put("waitlisted", p.waitlisted());
        }
        ArrayNode tiers = out.putArray("tiers");
        for (SeatOverview.TierUse t : overview.tiers()) {
            tiers.addObject().put("tier", t.tier()).put("assigned", t.assigned()).put("monthlyCostUsd", t.monthlyCostUsd());
        }
        out.put("monthlyCostUsd", overview.monthlyCostUsd());
        out.put("monthlyCostBasis", COST_BASIS);
        return out;
    }
}
