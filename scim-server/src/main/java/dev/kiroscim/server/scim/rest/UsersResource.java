package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.provisioning.ProvisionUsers;
import dev.kiroscim.server.scim.provisioning.UserView;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.query.ResourceQuery;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.ETags;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.render.ResourceStreamWriter;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.render.UserRenderer;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import java.util.List;

/** {@code /scim/v2/Users} (RFC 7644 §3.2–3.6). */
@Path("scim/v2/Users")
@Consumes({ScimJson.MEDIA_TYPE, "application/json"})
public final class UsersResource extends ScimCollectionRoutes {

    private final ProvisionUsers users;

    public UsersResource(ProvisionUsers users, FilterParser parser, ScimSettings settings, RequestIds requestIds) {
        super(parser, settings, requestIds);
        this.users = users;
    }

    @Override
    Response search(UriInfo uri, SearchParameters parameters) {
        ResourceQuery query = ResourceQuery.of(parameters, FieldCatalog.USERS, parser, settings.maxResults());
        boolean withGroups = query.projection().wants(groupsAttribute());
        Page<UserView> page = users.search(query.criteria(), query.sort(), query.page(), withGroups);
        String base = ScimResponses.scimBase(uri);
        List<ResourceStreamWriter.Streamed> items = page.items().stream()
                .map(v -> new ResourceStreamWriter.Streamed(render(v, base, query.projection()), null))
                .toList();
        return ScimResponses.list(ResourceStreamWriter.list(page.total(), query.startIndex(), items, null, base));
    }

    @POST
    public Response create(
            @Context UriInfo uri,
            @Context ContainerRequestContext request,
            @BeanParam ProjectionParams projection,
            byte[] body) {
        UserView created = users.create(ScimJson.parseBody(body), requestIds.context(request));
        return respond(201, created, uri, projection.of(ScimSchemas.USER_TYPE));
    }

    @GET
    @Path("{id}")
    public Response get(
            @Context UriInfo uri,
            @PathParam("id") String id,
            @BeanParam ProjectionParams projectionParams,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        Projection projection = projectionParams.of(ScimSchemas.USER_TYPE);
        UserView view = users.get(id, projection.wants(groupsAttribute()));
        if (ETags.matches(ifNoneMatch, view.user().version())) {
            return ScimResponses.notModified(
                    UserRenderer.location(ScimResponses.scimBase(uri), id),
                    view.user().version());
        }
        return respond(200, view, uri, projection);
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
        return respond(
                200,
                users.replace(id, ScimJson.parseBody(body), ifMatch, true, requestIds.context(request)),
                uri,
                projection.of(ScimSchemas.USER_TYPE));
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
        UserView view = users.patch(
                id, ScimJson.parseBody(body), ifMatch, !settings.patchNoContent(), requestIds.context(request));
        if (settings.patchNoContent()) {
            return ScimResponses.noContent(
                    UserRenderer.location(ScimResponses.scimBase(uri), id),
                    view.user().version());
        }
        return respond(200, view, uri, projection.of(ScimSchemas.USER_TYPE));
    }

    @DELETE
    @Path("{id}")
    public Response delete(
            @Context ContainerRequestContext request,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch) {
        users.delete(id, ifMatch, requestIds.context(request));
        return Response.noContent().build();
    }

    private Response respond(int status, UserView view, UriInfo uri, Projection projection) {
        String base = ScimResponses.scimBase(uri);
        return ScimResponses.resource(
                status,
                render(view, base, projection),
                UserRenderer.location(base, view.user().id()),
                view.user().version());
    }

    private static ObjectNode render(UserView view, String base, Projection projection) {
        return projection.apply(ScimSchemas.USER_TYPE, UserRenderer.render(view.user(), view.groups(), base));
    }

    private static dev.kiroscim.server.scim.schema.AttributeDef groupsAttribute() {
        return ScimSchemas.USER.attribute("groups").orElseThrow();
    }
}
