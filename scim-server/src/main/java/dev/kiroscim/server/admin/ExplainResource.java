package dev.kiroscim.server.admin;

import dev.kiroscim.core.explain.ExplainAccess;
import dev.kiroscim.core.explain.Explanation;
import dev.kiroscim.server.explain.ExplainRendering;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/users/{userName or id}/explain}: why this user can or cannot sign in to Kiro, as the chain of
 * checks with their evidence and a one-line verdict. Always 200: "never provisioned" is an answer too.
 */
@Path("admin/v1/users/{user}/explain")
public final class ExplainResource {

    private final ExplainAccess explain;
    private final java.util.function.UnaryOperator<Explanation> kiroSide;

    public ExplainResource(ExplainAccess explain) {
        this(explain, java.util.function.UnaryOperator.identity());
    }

    /** @param kiroSide adds the Kiro-side evidence (usage report, reclaimed seats) to each answer */
    public ExplainResource(ExplainAccess explain, java.util.function.UnaryOperator<Explanation> kiroSide) {
        this.explain = explain;
        this.kiroSide = kiroSide;
    }

    @GET
    public Response explain(@PathParam("user") String user) {
        return Response.ok(ScimJson.bytes(ExplainRendering.json(kiroSide.apply(explain.explain(user)))))
                .type("application/json")
                .build();
    }
}
