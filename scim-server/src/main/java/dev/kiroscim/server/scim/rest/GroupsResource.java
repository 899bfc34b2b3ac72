package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.provisioning.ProvisionGroups;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.query.ResourceQuery;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.ETags;
import dev.kiroscim.server.scim.render.GroupRenderer;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.render.ResourceStreamWriter;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.AttributeDef;
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

/**
 * {@code /scim/v2/Groups}. Members are streamed from the membership table while the response is written, and
 * not read at all when the client asks {@code excludedAttributes=members} (Entra does, docs/idp-quirks.md §I14).
 */
@Path("scim/v2/Groups")
@Consumes({ScimJson.MEDIA_TYPE, "application/json"})
public final class GroupsResource extends ScimCollectionRoutes {

    private final ProvisionGroups groups;

    public GroupsResource(ProvisionGroups groups, FilterParser parser, ScimSettings settings, RequestIds requestIds) {
        super(parser, settings, requestIds);
        this.groups = groups;
    }

    @Override
    Response search(UriInfo uri, SearchParameters parameters) {
        ResourceQuery query = ResourceQuery.of(parameters, FieldCatalog.GROUPS, parser, settings.maxResults());
        boolean withMembers = query.projection().wants(membersAttribute());
        Page<GroupRecord> page = groups.search(query.criteria(), query.sort(), query.page());
        String base = ScimResponses.scimBase(uri);
        List<ResourceStreamWriter.Streamed> items = page.items().stream()
                .map(g -> streamed(g, base, query.projection(), withMembers))
                .toList();
        return ScimResponses.list(
                ResourceStreamWriter.list(page.total(), query.startIndex(), items, groups::members, base));
    }

    @POST
    public Response create(
            @Context UriInfo uri,
            @Context ContainerRequestContext request,
            @BeanParam ProjectionParams projection,
            byte[] body) {
        return respond(
                201,
                groups.create(ScimJson.parseBody(body), requestIds.context(request)),
                uri,
                projection.of(ScimSchemas.GROUP_TYPE));
    }

    @GET
    @Path("{id}")
    public Response get(
            @Context UriInfo uri,
            @PathParam("id") String id,
            @BeanParam ProjectionParams projectionParams,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        GroupRecord group = groups.get(id);
        if (ETags.matches(ifNoneMatch, group.version())) {
            return ScimResponses.notModified(GroupRenderer.location(ScimResponses.scimBase(uri), id), group.version());
        }
        return respond(200, group, uri, projectionParams.of(ScimSchemas.GROUP_TYPE));
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
                groups.replace(id, ScimJson.parseBody(body), ifMatch, requestIds.context(request)),
                uri,
                projection.of(ScimSchemas.GROUP_TYPE));
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
        GroupRecord group = groups.patch(id, ScimJson.parseBody(body), ifMatch, requestIds.context(request));
        if (settings.patchNoContent()) {
            return ScimResponses.noContent(GroupRenderer.location(ScimResponses.scimBase(uri), id), group.version());
        }
        return respond(200, group, uri, projection.of(ScimSchemas.GROUP_TYPE));
    }

    @DELETE
    @Path("{id}")
    public Response delete(
            @Context ContainerRequestContext request,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch) {
        groups.delete(id, ifMatch, requestIds.context(request));
        return Response.noContent().build();
    }

    private Response respond(int status, GroupRecord group, UriInfo uri, Projection projection) {
        String base = ScimResponses.scimBase(uri);
        ResourceStreamWriter.Streamed item = streamed(group, base, projection, projection.wants(membersAttribute()));
        return ScimResponses.streamed(
                status,
                ResourceStreamWriter.single(item, groups::members, base),
                GroupRenderer.location(base, group.id()),
                group.version());
    }

    private static ResourceStreamWriter.Streamed streamed(
            GroupRecord g, String base, Projection projection, boolean withMembers) {
        ObjectNode rendered = projection.apply(ScimSchemas.GROUP_TYPE, GroupRenderer.render(g, base));
        return new ResourceStreamWriter.Streamed(rendered, withMembers ? g.id() : null);
    }

    private static AttributeDef membersAttribute() {
        return ScimSchemas.GROUP.attribute("members").orElseThrow();
    }
}
