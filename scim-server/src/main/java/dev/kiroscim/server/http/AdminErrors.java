package dev.kiroscim.server.http;

import jakarta.ws.rs.core.Response;

/**
 * Admin API errors: JSON with a human message, e.g. {@code {"status":404,"message":"no token named 'x'"}}. The SCIM
 * API uses RFC 7644 error bodies instead ({@link dev.kiroscim.server.http.ScimErrors}); {@link #isAdminPath} tells
 * which API a request belongs to.
 */
public final class AdminErrors {

    private AdminErrors() {}

    public static boolean isAdminPath(String path) {
        return path.startsWith("admin/") || path.startsWith("/admin/");
    }

    public static Response of(int status, String message) {
        var body = dev.kiroscim.server.scim.render.ScimJson.MAPPER
                .createObjectNode()
                .put("status", status)
                .put("message", message);
        return Response.status(status)
                .type("application/json")
                .entity(dev.kiroscim.server.scim.render.ScimJson.bytes(body))
                .build();
    }
}
