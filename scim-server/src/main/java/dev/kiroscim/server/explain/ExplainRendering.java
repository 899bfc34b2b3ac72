package dev.kiroscim.server.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.explain.Check;
import dev.kiroscim.core.explain.Explanation;
import dev.kiroscim.server.scim.render.ScimJson;

/**
 * An {@link Explanation} as {@code GET /admin/v1/users/{user}/explain} and the {@code explain} command show it: JSON
 * ({@code query, userId, userName, verdict, checks[step, title, outcome, message, evidence]}) and, for the terminal,
 * that JSON as the verdict line followed by one line per check:
 * <pre>
 * ann@example.com: can sign in to Kiro (PRO via Kiro-Developers)
 *   1 PASS     SCIM user — active since 2026-10-01
 * </pre>
 */
public final class ExplainRendering {

    private ExplainRendering() {}

    public static ObjectNode json(Explanation e) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        out.put("query", e.query());
        out.put("userId", e.userId());
        out.put("userName", e.userName());
        out.put("verdict", e.verdict());
        ArrayNode checks = out.putArray("checks");
        for (Check c : e.checks()) {
            ObjectNode n = checks.addObject();
            n.put("step", c.step())
                    .put("title", c.title())
                    .put("outcome", c.outcome().name())
                    .put("message", c.message());
            n.set("evidence", ScimJson.MAPPER.valueToTree(c.evidence()));
        }
        return out;
    }

    public static String text(JsonNode e) {
        StringBuilder out = new StringBuilder();
        out.append(
                        e.path("userName").isNull()
                                ? e.path("query").asText()
                                : e.path("userName").asText())
                .append(": ")
                .append(e.path("verdict").asText())
                .append('\n');
        for (JsonNode c : e.path("checks")) {
            out.append(String.format(
                    "  %d %-8s %s — %s%n",
                    c.path("step").asInt(),
                    c.path("outcome").asText(),
                    c.path("title").asText(),
                    c.path("message").asText()));
        }
        return out.toString();
    }
}
