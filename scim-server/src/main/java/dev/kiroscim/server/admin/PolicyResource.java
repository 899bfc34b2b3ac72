package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.seats.PolicyReloader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /admin/v1/policy/reload} (admin scope): re-reads the config file and applies its policy, like SIGHUP.
 * 200 {@code {"status":"loaded","source":"/etc/kiro/kiro-scim.yaml","contentSha256":"…","seatChanges":3}};
 * 400 {@code {"status":400,"message":"policy rejected; the previous policy stays in force","problems":["kiro-scim.yaml:17: seats must not be negative, got -1"]}}.
 */
@Path("admin/v1/policy")
public final class PolicyResource {

    private final PolicyReloader reloader;
    private final RequestIds requestIds;
    private final AdminActions actions;

    public PolicyResource(PolicyReloader reloader, RequestIds requestIds, AdminActions actions) {
        this.reloader = reloader;
        this.requestIds = requestIds;
        this.actions = actions;
    }

    @POST
    @Path("reload")
    public Response reload(@Context ContainerRequestContext context) {
        dev.kiroscim.core.directory.events.ChangeContext ctx = requestIds.context(context);
        PolicyReloader.Outcome outcome = reloader.reload(ctx);
        actions.record(
                ctx,
                "policy.reload",
                java.util.Map.of(
                        "applied",
                        outcome.applied(),
                        "contentSha256",
                        String.valueOf(outcome.policy().contentSha256()),
                        "seatChanges",
                        outcome.events().size()));
        if (!outcome.applied()) {
            ObjectNode body = ScimJson.MAPPER
                    .createObjectNode()
                    .put("status", 400)
                    .put("message", "policy rejected; the previous policy stays in force");
            ArrayNode problems = body.putArray("problems");
            outcome.problems().forEach(problems::add);
            return Response.status(400)
                    .type("application/json")
                    .entity(ScimJson.bytes(body))
                    .build();
        }
        ObjectNode body = ScimJson.MAPPER
                .createObjectNode()
                .put("status", "loaded")
                .put("source", outcome.policy().source())
                .put("contentSha256", outcome.policy().contentSha256())
                .put("seatChanges", outcome.events().size());
        return Response.ok(ScimJson.bytes(body)).type("application/json").build();
    }
}
