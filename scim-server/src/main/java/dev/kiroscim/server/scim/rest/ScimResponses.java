package dev.kiroscim.server.scim.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.render.ETags;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

/**
 * Builds successful SCIM responses: {@code application/scim+json}, {@code ETag} = {@code meta.version}, and a
 * {@code Location} header equal to {@code meta.location} on 201 and also on GET/PUT/PATCH (SCIMple's
 * compliance tests assert it; SCIMple M1 itself sent the id twice there).
 */
final class ScimResponses {

    private ScimResponses() {}

    static String scimBase(UriInfo uriInfo) {
        String base = uriInfo.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + "scim/v2";
    }

    static Response resource(int status, ObjectNode body, String location, long version) {
        return Response.status(status)
                .type(ScimJson.CONTENT_TYPE)
                .entity(ScimJson.bytes(body))
                .header("Location", location)
                .tag(etag(version))
                .build();
    }

    static Response streamed(int status, StreamingOutput body, String location, long version) {
        return Response.status(status)
                .type(ScimJson.CONTENT_TYPE)
                .entity(body)
                .header("Location", location)
                .tag(etag(version))
                .build();
    }

    static Response noContent(String location, long version) {
        return Response.noContent()
                .header("Location", location)
                .tag(etag(version))
                .build();
    }

    static Response notModified(String location, long version) {
        return Response.notModified(etag(version)).header("Location", location).build();
    }

    static Response list(StreamingOutput body) {
        return Response.ok(body).type(ScimJson.CONTENT_TYPE).build();
    }

    private static jakarta.ws.rs.core.EntityTag etag(long version) {
        String tag = ETags.of(version);
        return new jakarta.ws.rs.core.EntityTag(tag.substring(3, tag.length() - 1), true);
    }
}
