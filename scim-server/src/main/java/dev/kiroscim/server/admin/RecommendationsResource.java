package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.billing.TierAdvice;
import dev.kiroscim.core.costs.Recommendations;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/recommendations[?months=3]} (admin scope): for each current seat holder with report data, the
 * cheapest tier for their average monthly credits over the last complete months, and the monthly saving, from the
 * policy's prices, allowances and overage. Example:
 * <pre>
 * {"basedOn":["2026-09","2026-10","2026-11"],"monthlySavingUsd":192.00,"holdersWithoutData":3,
 *  "recommendations":[{"userName":"bob@example.com","currentTier":"POWER","monthlyCredits":100.00,
 *    "currentCostUsd":200.00,"recommendedTier":"PRO","recommendedCostUsd":20.00,"monthlySavingUsd":180.00,"reason":"…"}]}
 * </pre>
 */
@Path("admin/v1/recommendations")
public final class RecommendationsResource {

    private final Recommendations recommendations;

    public RecommendationsResource(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    public Response recommend(@QueryParam("months") String monthsParam) {
        Recommendations.Result r;
        try {
            int months = monthsParam == null || monthsParam.isBlank() ? 3 : Integer.parseInt(monthsParam.trim());
            r = recommendations.of(months);
        } catch (NumberFormatException e) {
            return AdminErrors.of(400, "months must be a whole number between 1 and 12, not '" + monthsParam + "'");
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode basedOn = out.putArray("basedOn");
        r.basedOn().forEach(m -> basedOn.add(m.toString()));
        out.put("monthlySavingUsd", r.monthlySavingUsd()).put("holdersWithoutData", r.holdersWithoutData());
        ArrayNode list = out.putArray("recommendations");
        for (TierAdvice.Advice a : r.advice()) {
            list.addObject()
                    .put("userId", a.userId())
                    .put("userName", a.userName())
                    .put("currentTier", a.currentTier())
                    .put("monthlyCredits", a.monthlyCredits())
                    .put("currentCostUsd", a.currentCostUsd())
                    .put("recommendedTier", a.recommendedTier())
                    .put("recommendedCostUsd", a.recommendedCostUsd())
                    .put("monthlySavingUsd", a.monthlySavingUsd())
                    .put("reason", a.reason());
        }
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
