package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The admin API answers errors as {@code {"status":…,"message":"…"}} JSON (issue 4), while the SCIM API keeps
 * RFC 7644 error bodies: an SRE reading {@code curl} output gets a message, an IdP gets a SCIM error.
 */
abstract class AdminErrorsContract extends ScimContract {

    @Test
    void adminErrorsAreJsonWithAMessage() {
        String name = "scim-only-" + Bodies.unique();
        ScimResponse created = scim.post(
                        server.baseUri() + "/admin/v1/tokens", "{\"name\":\"" + name + "\",\"scope\":\"scim\"}")
                .expectStatus(201);
        String scimToken = created.text("token");

        ScimResponse forbidden = scim.withAuthorization("Bearer " + scimToken)
                .get(server.baseUri() + "/admin/v1/tokens")
                .expectStatus(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/json");
        assertThat(forbidden.text("message")).contains("admin scope");

        ScimResponse unauthenticated = scim.withAuthorization(null)
                .get(server.baseUri() + "/admin/v1/tokens")
                .expectStatus(401);
        assertThat(unauthenticated.text("message")).contains("credentials");

        ScimResponse missing = scim.delete(server.baseUri() + "/admin/v1/tokens/no-such-" + Bodies.unique())
                .expectStatus(404);
        assertThat(missing.text("message")).contains("no token named");

        // The same SCIM token on the SCIM API is fine, and SCIM errors keep their RFC 7644 shape.
        scim.withAuthorization("Bearer " + scimToken)
                .get("/Users/does-not-exist")
                .expectScimError(404, null);
    }
}
