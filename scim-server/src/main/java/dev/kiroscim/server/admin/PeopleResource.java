package dev.kiroscim.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.people.PeopleSearch;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/v1/people?q=ann&limit=25&cursor=…} (admin scope): people whose userName, display name, given
 * or family name, or an email starts with {@code q} (case-insensitive), in userName order:
 * {@code {"people":[{"id","userName","displayName","email","active"}],"next":"…"}}. Pass {@code next} as
 * {@code cursor} for the following page; a blank {@code q} lists everyone. Answered by the database on indexed
 * columns (see {@code JdbcPeopleSearch}).
 */
@Path("admin/v1/people")
public final class PeopleResource {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 200;
    static final int MAX_QUERY = 256;

    private final PeopleSearch search;

    public PeopleResource(PeopleSearch search) {
        this.search = search;
    }

    @GET
    public Response search(
            @QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size;
        try {
            size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_LIMIT) {
            return AdminErrors.of(400, "limit must be a number between 1 and " + MAX_LIMIT);
        }
        if ((q != null && q.length() > MAX_QUERY) || (cursor != null && cursor.length() > 1024)) {
            return AdminErrors.of(400, "q must be at most " + MAX_QUERY + " characters");
        }
        PeopleSearch.Page page = search.search(q, cursor, size);
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode people = out.putArray("people");
        page.people()
                .forEach(p -> people.addObject()
                        .put("id", p.id())
                        .put("userName", p.userName())
                        .put("displayName", p.displayName())
                        .put("email", p.email())
                        .put("active", p.active()));
        out.put("next", page.next().orElse(null));
        return Response.ok(ScimJson.bytes(out)).type("application/json").build();
    }
}
