package dev.kiroscim.server.seats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.seats.SeatOverview;
import dev.kiroscim.server.audit.AuditRendering;
import dev.kiroscim.server.scim.render.ScimJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The seat overview as {@code GET /admin/v1/seats} and the {@code seats} command show it: JSON, e.g.
 * <pre>
 * {"pools":[{"group":"Kiro-Platform","tier":"PRO_PLUS","seats":20,"assigned":20,"waitlisted":3}, …],
 *  "tiers":[{"tier":"PRO","assigned":150,"monthlyCostUsd":3000}, …],
 *  "monthlyCostUsd":3800, "monthlyCostBasis":"at current holders x list price; …"}
 * </pre>
 * and, for the terminal, that JSON as two tables (the CLI gets the JSON from a server or builds it from the database).
 * {@code seats} is {@code null} for an unlimited pool.
 */
public final class SeatsRendering {

    /** What {@code monthlyCostUsd} is, and is not. */
    public static final String COST_BASIS =
            "at current holders x list price; the invoice (GET /admin/v1/invoice) applies "
                    + "Kiro's billing rules (highest tier held in the month, released seats charged to the month's end, overage)";

    private SeatsRendering() {}

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
            tiers.addObject()
                    .put("tier", t.tier())
                    .put("assigned", t.assigned())
                    .put("monthlyCostUsd", t.monthlyCostUsd());
        }
        out.put("monthlyCostUsd", overview.monthlyCostUsd());
        out.put("monthlyCostBasis", COST_BASIS);
        return out;
    }

    /**
     * <pre>
     * POOL             TIER      SEATS      ASSIGNED  WAITLISTED
     * Kiro-Developers  PRO       unlimited  2         0
     *
     * TIER   ASSIGNED  MONTHLY COST AT CURRENT HOLDERS (USD)
     * PRO    2         40
     * TOTAL            40
     * </pre>
     */
    public static String table(JsonNode seats) {
        List<List<String>> pools = new ArrayList<>();
        for (JsonNode p : seats.path("pools")) {
            pools.add(List.of(
                    p.path("group").asText(),
                    p.path("tier").asText(),
                    p.path("seats").isNull() ? "unlimited" : p.path("seats").asText(),
                    p.path("assigned").asText(),
                    p.path("waitlisted").asText()));
        }
        List<List<String>> tiers = new ArrayList<>();
        for (JsonNode t : seats.path("tiers")) {
            tiers.add(List.of(
                    t.path("tier").asText(),
                    t.path("assigned").asText(),
                    t.path("monthlyCostUsd").asText()));
        }
        tiers.add(List.of("TOTAL", "", seats.path("monthlyCostUsd").asText()));
        return new AuditRendering.Table(List.of("POOL", "TIER", "SEATS", "ASSIGNED", "WAITLISTED"), pools).text() + "\n"
                + new AuditRendering.Table(List.of("TIER", "ASSIGNED", "MONTHLY COST AT CURRENT HOLDERS (USD)"), tiers)
                        .text();
    }
}
