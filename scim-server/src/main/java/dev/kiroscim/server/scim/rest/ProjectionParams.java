package dev.kiroscim.server.scim.rest;

import dev.kiroscim.server.scim.render.Projection;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import jakarta.ws.rs.QueryParam;

/** {@code attributes}/{@code excludedAttributes} on single-resource requests (RFC 7644 §3.9), incl. POST/PUT/PATCH. */
public final class ProjectionParams {

    @QueryParam("attributes")
    String attributes;

    @QueryParam("excludedAttributes")
    String excludedAttributes;

    Projection of(ResourceTypeDef type) {
        return Projection.parse(type, attributes, excludedAttributes);
    }
}
