package dev.kiroscim.server.scim.rest;

import dev.kiroscim.server.scim.query.SearchParameters;
import jakarta.ws.rs.QueryParam;

/** The query parameters of a SCIM list request (RFC 7644 §3.4.2), shared by every list endpoint. */
public final class ListParams {

    @QueryParam("filter")
    String filter;

    @QueryParam("sortBy")
    String sortBy;

    @QueryParam("sortOrder")
    String sortOrder;

    @QueryParam("startIndex")
    String startIndex;

    @QueryParam("count")
    String count;

    @QueryParam("attributes")
    String attributes;

    @QueryParam("excludedAttributes")
    String excludedAttributes;

    SearchParameters toSearch() {
        return SearchParameters.fromQuery(filter, sortBy, sortOrder, startIndex, count, attributes, excludedAttributes);
    }
}
