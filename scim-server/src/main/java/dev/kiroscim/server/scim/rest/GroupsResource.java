package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.server.config.ScimSettings;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.provisioning.ProvisionGroups;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.query.ResourceQuery;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.GroupRenderer;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.render.ResourceStreamWriter;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /scim/v2/Groups}. Members are streamed from the membership table while the response is written, and
 * not read at all when the client asks {@code excludedAttributes=members} (Entra does, docs/idp-quirks.md §I14).
 */
@Path("scim/v2/Groups")
@Consumes({ScimJson.MEDIA_TYPE, "application/json"})
public final class GroupsResource extends ScimResourceRoutes<GroupRecord> {

    private final ProvisionGroups groups;

    public GroupsResource(ProvisionGroups groups, FilterParser parser, ScimSettings settings, RequestIds requestIds) {
        super(parser, settings, requestIds, ScimSchemas.GROUP_TYPE);
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

    @Override
    GroupRecord createFrom(JsonNode body, ChangeContext ctx) {
        return groups.create(body, ctx);
    }

    @Override
    GroupRecord find(String id, Projection projection) {
        return groups.get(id); // members are streamed while writing, not read here
    }

    @Override
    GroupRecord replaceWith(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        return groups.replace(id, body, ifMatch, ctx);
    }

    @Override
    GroupRecord patchWith(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        return groups.patch(id, body, ifMatch, ctx);
    }

    @Override
    void remove(String id, String ifMatch, ChangeContext ctx) {
        groups.delete(id, ifMatch, ctx);
    }

    @Override
    long version(GroupRecord group) {
        return group.version();
    }

    @Override
    String location(String base, String id) {
        return GroupRenderer.location(base, id);
    }

    @Override
    Response respond(int status, GroupRecord group, UriInfo uri, Projection projection) {
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
