package dev.kiroscim.server.admin;

import jakarta.ws.rs.core.Response;

/** Admin API errors: JSON with a human message, e.g. {@code {"status":404,"message":"no token named 'x'"}}. */
final class AdminErrors {

    private AdminErrors() {
    }

    static Response of(int status, String message) {
        var body = dev.kiroscim.server.scim.render.ScimJson.MAPPER.createObjectNode().put("status", status).put("message", message);
        return Response.status(status).type("application/json").entity(dev.kiroscim.server.scim.render.ScimJson.bytes(body)).build();
    }
}
