package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin API of one server as an admin token sees it: JSON in, {@link ScimResponse} out, optionally through a
 * proxy that sets {@code X-Forwarded-For}.
 *
 * <pre>{@code
 * AdminApi admin = AdminApi.of(server);
 * String secret = admin.post("/admin/v1/tokens", "{\"name\":\"okta\"}").expectStatus(201).text("token");
 * }</pre>
 */
record AdminApi(KiroServer server, String authorization, String forwardedFor) {

    static AdminApi of(KiroServer server) {
        return new AdminApi(server, "Bearer " + server.token(), null);
    }

    AdminApi forwardedFor(String address) {
        return new AdminApi(server, authorization, address);
    }

    ScimResponse get(String path) {
        return send("GET", path, null);
    }

    ScimResponse post(String path, String json) {
        return send("POST", path, json);
    }

    ScimResponse delete(String path) {
        return send("DELETE", path, null);
    }

    ScimResponse send(String method, String path, String json) {
        java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("Authorization", authorization));
        if (json != null) {
            headers.addAll(java.util.List.of("Content-Type", "application/json"));
        }
        if (forwardedFor != null) {
            headers.addAll(java.util.List.of("X-Forwarded-For", forwardedFor));
        }
        return RawHttp.to(server).send(method, server.baseUri() + path, json, headers.toArray(String[]::new));
    }

    /** Creates a token and returns its secret. */
    String createToken(String json) {
        return post("/admin/v1/tokens", json).expectStatus(201).text("token");
    }

    /** The audit events of a type (or dotted prefix), oldest first. */
    JsonNode audit(String type) {
        return get("/admin/v1/audit?type=" + type).expectStatus(200).json().path("events");
    }
}
