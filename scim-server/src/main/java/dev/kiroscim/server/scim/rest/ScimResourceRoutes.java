package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.server.config.ScimSettings;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.ETags;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The HTTP routes every SCIM resource type has (RFC 7644 §3.2–3.6): list and {@code .search}, create, get with
 * {@code If-None-Match}, replace, patch ({@code 204} when {@code patchNoContent} is set), delete. They are the same for
 * Users and Groups, so they live here once and the two collections cannot drift apart; a subclass supplies only the
 * provisioning calls and the rendering. Example: {@code GET /Groups?filter=displayName eq "Admins"} and
 * {@code POST /Groups/.search} with the same filter in the body reach {@link #search} with equal parameters.
 *
 * <p>Public because Jersey invokes the inherited resource methods reflectively.
 *
 * @param <R> what the provisioning service returns for one resource
 */
public abstract class ScimResourceRoutes<R> {

    final FilterParser parser;
    final ScimSettings settings;
    final RequestIds requestIds;
    private final ResourceTypeDef type;

    /**
     * @param type the resource type whose projection ({@code attributes}, {@code excludedAttributes}) applies
     */
    ScimResourceRoutes(FilterParser parser, ScimSettings settings, RequestIds requestIds, ResourceTypeDef type) {
        this.parser = parser;
        this.settings = settings;
        this.requestIds = requestIds;
        this.type = type;
    }

    @GET
    public Response list(@Context UriInfo uri, @BeanParam ListParams params) {
        return search(uri, params.toSearch());
    }

    @POST
    @Path(".search")
    public Response searchPost(@Context UriInfo uri, byte[] body) {
        return search(uri, SearchParameters.fromBody(ScimJson.parseBody(body)));
    }

    @POST
    public Response create(
            @Context UriInfo uri,
            @Context ContainerRequestContext request,
            @BeanParam ProjectionParams projection,
            byte[] body) {
        R created = createFrom(ScimJson.parseBody(body), requestIds.context(request));
        return respond(201, created, uri, projection.of(type));
    }

    @GET
    @Path("{id}")
    public Response get(
            @Context UriInfo uri,
            @PathParam("id") String id,
            @BeanParam ProjectionParams projectionParams,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        Projection projection = projectionParams.of(type);
        R resource = find(id, projection);
        if (ETags.matches(ifNoneMatch, version(resource))) {
            return ScimResponses.notModified(location(ScimResponses.scimBase(uri), id), version(resource));
        }
        return respond(200, resource, uri, projection);
    }

    @PUT
    @Path("{id}")
    public Response replace(
            @Context UriInfo uri,
            @Context ContainerRequestContext request,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @BeanParam ProjectionParams projection,
            byte[] body) {
        R replaced = replaceWith(id, ScimJson.parseBody(body), ifMatch, requestIds.context(request));
        return respond(200, replaced, uri, projection.of(type));
    }

    @PATCH
    @Path("{id}")
    public Response patch(
            @Context UriInfo uri,
            @Context ContainerRequestContext request,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            @BeanParam ProjectionParams projection,
            byte[] body) {
        R patched = patchWith(id, ScimJson.parseBody(body), ifMatch, requestIds.context(request));
        if (settings.patchNoContent()) {
            return ScimResponses.noContent(location(ScimResponses.scimBase(uri), id), version(patched));
        }
        return respond(200, patched, uri, projection.of(type));
    }

    @DELETE
    @Path("{id}")
    public Response delete(
            @Context ContainerRequestContext request,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch) {
        remove(id, ifMatch, requestIds.context(request));
        return Response.noContent().build();
    }

    /** Runs one search and writes the ListResponse. */
    abstract Response search(UriInfo uri, SearchParameters parameters);

    abstract R createFrom(JsonNode body, ChangeContext ctx);

    /** @param projection what the response will show, so the lookup can skip what it hides */
    abstract R find(String id, Projection projection);

    abstract R replaceWith(String id, JsonNode body, String ifMatch, ChangeContext ctx);

    abstract R patchWith(String id, JsonNode body, String ifMatch, ChangeContext ctx);

    abstract void remove(String id, String ifMatch, ChangeContext ctx);

    /** The ETag version. */
    abstract long version(R resource);

    /** {@code meta.location} and the {@code Location} header. */
    abstract String location(String base, String id);

    /** The resource as the response body, with its ETag and location. */
    abstract Response respond(int status, R resource, UriInfo uri, Projection projection);
}
