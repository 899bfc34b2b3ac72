package dev.kiroscim.server.scim.rest;

import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.query.SearchParameters;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The two query routes every SCIM resource collection has: {@code GET /Users?filter=...} (RFC 7644 §3.4.2) and
 * {@code POST /Users/.search} (§3.4.3). Both become the same {@link SearchParameters}, so Users and Groups read query
 * parameters and search bodies one way; a subclass only runs the search. Example: {@code GET
 * /Groups?filter=displayName eq "Admins"&count=10} and {@code POST /Groups/.search} with {@code {"filter":
 * "displayName eq \"Admins\"", "count": 10}} reach {@link #search} with equal parameters.
 *
 * <p>Public because Jersey invokes the inherited resource methods reflectively.
 */
public abstract class ScimCollectionRoutes {

    final FilterParser parser;
    final ScimSettings settings;
    final RequestIds requestIds;

    ScimCollectionRoutes(FilterParser parser, ScimSettings settings, RequestIds requestIds) {
        this.parser = parser;
        this.settings = settings;
        this.requestIds = requestIds;
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

    /** Runs one search and writes the ListResponse. */
    abstract Response search(UriInfo uri, SearchParameters parameters);
}
