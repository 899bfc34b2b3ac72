package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.server.config.ScimSettings;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.provisioning.ProvisionUsers;
import dev.kiroscim.server.scim.provisioning.UserView;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.query.ResourceQuery;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.render.ResourceStreamWriter;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.render.UserRenderer;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /scim/v2/Users} (RFC 7644 §3.2–3.6). */
@Path("scim/v2/Users")
@Consumes({ScimJson.MEDIA_TYPE, "application/json"})
public final class UsersResource extends ScimResourceRoutes<UserView> {

    private final ProvisionUsers users;

    public UsersResource(ProvisionUsers users, FilterParser parser, ScimSettings settings, RequestIds requestIds) {
        super(parser, settings, requestIds, ScimSchemas.USER_TYPE);
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

    @Override
    UserView createFrom(JsonNode body, ChangeContext ctx) {
        return users.create(body, ctx);
    }

    @Override
    UserView find(String id, Projection projection) {
        return users.get(id, projection.wants(groupsAttribute()));
    }

    @Override
    UserView replaceWith(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        return users.replace(id, body, ifMatch, true, ctx);
    }

    @Override
    UserView patchWith(String id, JsonNode body, String ifMatch, ChangeContext ctx) {
        return users.patch(id, body, ifMatch, !settings.patchNoContent(), ctx); // a 204 shows no groups
    }

    @Override
    void remove(String id, String ifMatch, ChangeContext ctx) {
        users.delete(id, ifMatch, ctx);
    }

    @Override
    long version(UserView view) {
        return view.user().version();
    }

    @Override
    String location(String base, String id) {
        return UserRenderer.location(base, id);
    }

    @Override
    Response respond(int status, UserView view, UriInfo uri, Projection projection) {
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

    private static AttributeDef groupsAttribute() {
        return ScimSchemas.USER.attribute("groups").orElseThrow();
    }
}
