package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.ManageTokens;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.RequestIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code /admin/v1/tokens}: token management while the server runs (admin scope).
 * {@code POST {"name":"okta","scope":"scim"}} → 201 {@code {"name":"okta","scope":"scim","token":"kiro_…"}} — the
 * only time the secret is shown; {@code GET} lists names and scopes; {@code DELETE /{name}} revokes.
 */
@Path("admin/v1/tokens")
public final class TokensResource {

    private final ManageTokens tokens;
    private final Authenticator authenticator;
    private final RequestIds requestIds;

    public TokensResource(ManageTokens tokens, Authenticator authenticator, RequestIds requestIds) {
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.requestIds = requestIds;
    }

    @POST
    @Consumes({"application/json", "application/scim+json"})
    public Response create(@Context ContainerRequestContext context, byte[] body) {
        JsonNode request;
        try {
            request = ScimJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return AdminErrors.of(400, "body must be JSON like {\"name\":\"okta\",\"scope\":\"scim\"}");
        }
        try {
            Scope scope = Scope.parse(request.path("scope").asText("scim"));
            ManageTokens.Created created = tokens.create(request.path("name").asText(null), scope, requestIds.context(context));
            ObjectNode out = describe(created.token()).put("token", created.secret());
            return Response.status(201).type("application/json").entity(ScimJson.bytes(out)).build();
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    @GET
    public Response list() {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("tokens");
        tokens.list().forEach(t -> array.add(describe(t)));
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }

    @DELETE
    @Path("{name}")
    public Response revoke(@Context ContainerRequestContext context, @PathParam("name") String name) {
        if (!tokens.revoke(name, requestIds.context(context))) {
            return AdminErrors.of(404, "no token named '" + name + "'");
        }
        authenticator.invalidate();
        return Response.noContent().build();
    }

    private static ObjectNode describe(ApiToken t) {
        return ScimJson.MAPPER.createObjectNode().put("name", t.name()).put("scope", t.scope().wireName())
                .put("created", t.created().toString());
    }
}
