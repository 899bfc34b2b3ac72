package dev.kiroscim.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.core.Response;

/**
 * RFC 7644 §3.12 error responses, always {@code application/scim+json} and always with a body — Okta's spec
 * test checks {@code detail}, {@code status} (a string) and the Error schema even on 401.
 */
public final class ScimErrors {

    public static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";

    private ScimErrors() {}

    public static ObjectNode body(int status, ScimType scimType, String detail) {
        ObjectNode body = ScimJson.MAPPER.createObjectNode();
        body.putArray("schemas").add(ERROR_URN);
        body.put("status", Integer.toString(status));
        if (scimType != null) {
            body.put("scimType", scimType.wireName());
        }
        body.put("detail", detail);
        return body;
    }

    public static Response response(int status, ScimType scimType, String detail) {
        return Response.status(status)
                .type(ScimJson.CONTENT_TYPE)
                .entity(ScimJson.bytes(body(status, scimType, detail)))
                .build();
    }
}
