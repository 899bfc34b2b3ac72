package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.config.ScimSettings;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Discovery endpoints (RFC 7644 §4): {@code /ServiceProviderConfig}, {@code /ResourceTypes}, {@code /Schemas}.
 * They are read-only: any other method gets 405. The configuration advertises only what the server enforces —
 * SCIMple M1's defaults claimed bulk support and an unenforced {@code filter.maxResults}.
 */
@Path("scim/v2")
public final class DiscoveryResource {

    private static final String DOCS = "https://github.com/kiro-scim-bridge/kiro-scim-bridge/blob/main/docs/";
    private static final List<ResourceTypeDef> TYPES = List.of(ScimSchemas.USER_TYPE, ScimSchemas.GROUP_TYPE);

    private final ScimSettings settings;

    public DiscoveryResource(ScimSettings settings) {
        this.settings = settings;
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        ObjectNode c = ScimJson.MAPPER.createObjectNode();
        c.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        c.put("documentationUri", DOCS + "README.md");
        c.putObject("patch").put("supported", true);
        c.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        c.putObject("filter").put("supported", true).put("maxResults", settings.maxResults());
        c.putObject("changePassword").put("supported", false);
        c.putObject("sort").put("supported", true);
        c.putObject("etag").put("supported", true);
        ArrayNode schemes = c.putArray("authenticationSchemes");
        schemes.addObject()
                .put("type", "oauthbearertoken")
                .put("name", "Bearer token")
                .put("description", "A static token in 'Authorization: Bearer <token>', created with 'token create'")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750")
                .put("primary", true);
        schemes.addObject()
                .put("type", "httpbasic")
                .put("name", "HTTP Basic")
                .put("description", "The token's name as user name and the token as password")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc7617")
                .put("primary", false);
        c.putObject("meta")
                .put("resourceType", "ServiceProviderConfig")
                .put("location", ScimResponses.scimBase(uri) + "/ServiceProviderConfig");
        return ok(c);
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes(@Context UriInfo uri) {
        return ok(listResponse(TYPES.stream().map(t -> resourceType(t, uri)).toList()));
    }

    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@Context UriInfo uri, @PathParam("name") String name) {
        return TYPES.stream()
                .filter(t -> t.name().equalsIgnoreCase(name))
                .findFirst()
                .map(t -> ok(resourceType(t, uri)))
                .orElseThrow(() -> ScimException.notFound("no ResourceType '" + name + "'"));
    }

    @GET
    @Path("Schemas")
    public Response schemas(@Context UriInfo uri) {
        return ok(listResponse(
                ScimSchemas.advertised().stream().map(s -> schema(s, uri)).toList()));
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@Context UriInfo uri, @PathParam("id") String id) {
        return ScimSchemas.advertised().stream()
                .filter(s -> s.urn().equalsIgnoreCase(id))
                .findFirst()
                .map(s -> ok(schema(s, uri)))
                .orElseThrow(() -> ScimException.notFound("no Schema '" + id + "'"));
    }

    private static ObjectNode resourceType(ResourceTypeDef t, UriInfo uri) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
        n.put("id", t.name())
                .put("name", t.name())
                .put("endpoint", t.endpoint())
                .put("description", t.description())
                .put("schema", t.core().urn());
        ArrayNode extensions = n.putArray("schemaExtensions");
        t.extensions()
                .forEach(e -> extensions.addObject().put("schema", e.urn()).put("required", false));
        n.putObject("meta")
                .put("resourceType", "ResourceType")
                .put("location", ScimResponses.scimBase(uri) + "/ResourceTypes/" + t.name());
        return n;
    }

    private static ObjectNode schema(SchemaDef s, UriInfo uri) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        n.put("id", s.urn()).put("name", s.name());
        if (s.description() != null) {
            n.put("description", s.description());
        }
        ArrayNode attributes = n.putArray("attributes");
        s.attributes().forEach(a -> attributes.add(attribute(a)));
        n.putObject("meta")
                .put("resourceType", "Schema")
                .put("location", ScimResponses.scimBase(uri) + "/Schemas/" + s.urn());
        return n;
    }

    private static ObjectNode attribute(AttributeDef a) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.put("name", a.name()).put("type", a.type().wireName()).put("multiValued", a.multiValued());
        if (a.description() != null) {
            n.put("description", a.description());
        }
        n.put("required", a.required())
                .put("caseExact", a.caseExact())
                .put("mutability", a.mutability().wireName())
                .put("returned", a.returned().wireName())
                .put("uniqueness", a.uniqueness());
        if (!a.referenceTypes().isEmpty()) {
            ArrayNode types = n.putArray("referenceTypes");
            a.referenceTypes().forEach(types::add);
        }
        if (!a.subAttributes().isEmpty()) {
            ArrayNode subs = n.putArray("subAttributes");
            a.subAttributes().forEach(s -> subs.add(attribute(s)));
        }
        return n;
    }

    private static ObjectNode listResponse(List<ObjectNode> resources) {
        ObjectNode n = ScimJson.MAPPER.createObjectNode();
        n.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        n.put("totalResults", resources.size()).put("startIndex", 1).put("itemsPerPage", resources.size());
        n.putArray("Resources").addAll(resources);
        return n;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(ScimJson.bytes(body)).type(ScimJson.CONTENT_TYPE).build();
    }
}
