package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.service.ManageTokens;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code /admin/v1/tokens}: token management while the server runs (admin scope).
 * <ul>
 *   <li>{@code POST {"name":"okta","scope":"scim","expiresIn":"P365D","allowFrom":["10.0.0.0/8"]}} → 201
 *       {@code {"name","scope","created","expires","allowFrom","token":"kiro_…"}}: the only time the secret is shown
 *       ({@code expiresIn}, {@code allowFrom} optional);</li>
 *   <li>{@code POST /{name}/rotate} with optional {@code {"grace":"PT24H"}} → 201, the same shape with the new
 *       secret; the old secret keeps working until the grace ends;</li>
 *   <li>{@code GET} lists every secret: {@code name, scope, created, expires, lastUsed, lastSourceIp, allowFrom,
 *       current} (during a rotation's grace a token is listed twice);</li>
 *   <li>{@code DELETE /{name}} revokes the token and all its secrets.</li>
 * </ul>
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
            request = null;
        }
        if (request == null || !request.isObject()) {
            return AdminErrors.of(
                    400,
                    "body must be JSON like {\"name\":\"okta\",\"scope\":\"scim\",\"expiresIn\":\"P365D\",\"allowFrom\":[\"10.0.0.0/8\"]}");
        }
        try {
            Scope scope = Scope.parse(request.path("scope").asText("scim"));
            ManageTokens.Terms terms = new ManageTokens.Terms(
                    duration(request.path("expiresIn"), "expiresIn"), allowFrom(request.path("allowFrom")));
            ManageTokens.Created created =
                    tokens.create(request.path("name").asText(null), scope, terms, requestIds.context(context));
            return created(created);
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    @POST
    @Path("{name}/rotate")
    public Response rotate(@Context ContainerRequestContext context, @PathParam("name") String name, byte[] body) {
        Duration grace;
        try {
            JsonNode request = body == null || body.length == 0
                    ? ScimJson.MAPPER.createObjectNode()
                    : ScimJson.MAPPER.readTree(body);
            if (request == null || !request.isObject()) {
                throw new IOException("not an object");
            }
            grace = duration(request.path("grace"), "grace");
        } catch (IOException e) {
            return AdminErrors.of(400, "body must be empty or JSON like {\"grace\":\"PT24H\"}");
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
        try {
            ManageTokens.Created created = tokens.rotate(name, grace, requestIds.context(context));
            authenticator.invalidate();
            return created(created);
        } catch (NoSuchElementException e) {
            return AdminErrors.of(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            return AdminErrors.of(400, e.getMessage());
        }
    }

    @GET
    public Response list() {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("tokens");
        String previousName = null;
        for (ApiToken t : tokens.list()) {
            array.add(describe(t)
                    .put("lastUsed", t.lastUsed() == null ? null : t.lastUsed().toString())
                    .put("lastSourceIp", t.lastSourceIp())
                    .put("current", !t.name().equals(previousName)));
            previousName = t.name();
        }
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

    private static Response created(ManageTokens.Created created) {
        ObjectNode out = describe(created.token()).put("token", created.secret());
        return Response.status(201)
                .type("application/json")
                .entity(ScimJson.bytes(out))
                .build();
    }

    private static ObjectNode describe(ApiToken t) {
        ObjectNode node = ScimJson.MAPPER
                .createObjectNode()
                .put("name", t.name())
                .put("scope", t.scope().wireName())
                .put("created", t.created().toString())
                .put("expires", t.expires() == null ? null : t.expires().toString());
        ArrayNode allow = node.putArray("allowFrom");
        t.allowFrom().texts().forEach(allow::add);
        return node;
    }

    /** An ISO-8601 duration like {@code P365D} or {@code PT24H}; null when absent. */
    static Duration duration(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return ManageTokens.duration(node.asText(), field);
    }

    private static AddressRanges allowFrom(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return AddressRanges.ANY;
        }
        if (node.isTextual()) {
            return AddressRanges.parse(node.asText());
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(
                    "allowFrom must be a list of addresses or CIDR ranges, like [\"10.0.0.0/8\",\"2001:db8::/32\"]");
        }
        List<String> items = new ArrayList<>();
        node.forEach(n -> items.add(n.asText()));
        return AddressRanges.of(items);
    }
}
