package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code docs/okta.md} and {@code docs/entra.md} tell an admin to do or to check, done against the real jar:
 * create the IdP's token with the admin API, use it as a bearer token (Entra, Okta "HTTP Header") and as Basic
 * auth (Okta), push the {@code Kiro-*} groups, and the troubleshooting checks (start-up log line, {@code /readyz},
 * {@code X-Request-Id}, 401, the userName filter). The request shapes themselves are in the lifecycle contracts.
 */
abstract class AdminGuidesContract extends ScimContract {

    private RawHttp raw() {
        return RawHttp.to(server);
    }

    private String createScimToken(String name) {
        ScimResponse created = raw().send(
                        "POST",
                        server.baseUri() + "/admin/v1/tokens",
                        "{\"name\":\"" + name + "\",\"scope\":\"scim\"}",
                        "Authorization",
                        "Bearer " + server.token(),
                        "Content-Type",
                        "application/json")
                .expectStatus(201);
        created.assertText("scope").isEqualTo("scim");
        return created.text("token");
    }

    @Test
    void tokenFromTheAdminApiIsTheIdpsBearerTokenAndBasicPassword() {
        String name = "okta-" + Bodies.unique();
        String token = createScimToken(name);
        assertThat(token).startsWith("kiro_");
        // Entra "Secret Token" and Okta "HTTP Header": Authorization: Bearer <token>.
        raw().send("GET", "/Users?startIndex=1&count=2", null, "Authorization", "Bearer " + token)
                .expectStatus(200);
        raw().send("GET", "/Groups?startIndex=1&count=100", null, "Authorization", "Bearer " + token)
                .expectStatus(200);
        // Okta "Basic Auth": user name = token name, password = token.
        String basic = Base64.getEncoder().encodeToString((name + ":" + token).getBytes(StandardCharsets.UTF_8));
        raw().send("GET", "/Users?startIndex=1&count=2", null, "Authorization", "Basic " + basic)
                .expectStatus(200);
        // A scim token is not an admin token.
        raw().send(
                        "POST",
                        server.baseUri() + "/admin/v1/tokens",
                        "{\"name\":\"x-" + Bodies.unique() + "\",\"scope\":\"scim\"}",
                        "Authorization",
                        "Bearer " + token,
                        "Content-Type",
                        "application/json")
                .expectStatus(403);
    }

    @Test
    void kiroGroupsCanBePushedFoundByDisplayNameAndGivenMembers() {
        String user = scim.createUser(Bodies.uniqueUserName("guide"));
        for (String name : List.of("Kiro-Developers", "Kiro-Platform", "Kiro-Contractors")) {
            ScimResponse found = scim.get("/Groups", "filter", "displayName eq \"" + name + "\"")
                    .expectStatus(200);
            String id =
                    found.node("totalResults").asInt() == 1 ? found.text("Resources[0].id") : scim.createGroup(name);
            scim.patch(
                            "/Groups/" + id,
                            Bodies.patch(
                                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"))
                    .expectStatus(200);
            scim.get("/Groups/" + id)
                    .expectStatus(200)
                    .assertTexts("members", "value")
                    .contains(user);
        }
        assertThat(scim.get("/Users/" + user).expectStatus(200).texts("groups", "display"))
                .contains("Kiro-Developers", "Kiro-Platform", "Kiro-Contractors");
    }

    @Test
    void troubleshootingChecksAnswerAsTheGuidesSay() throws Exception {
        String log = Files.readString(server.logFile(), StandardCharsets.UTF_8);
        assertThat(log).contains("Kiro SCIM Bridge listening on http://127.0.0.1:" + server.port() + "/scim/v2");
        raw().send("GET", server.baseUri() + "/readyz", null).expectStatus(200);
        ScimResponse traced = raw().send(
                        "GET",
                        "/Users?startIndex=1&count=1",
                        null,
                        "Authorization",
                        "Bearer " + server.token(),
                        "X-Request-Id",
                        "okta-run-42");
        traced.expectStatus(200).assertHeader("X-Request-Id").isEqualTo("okta-run-42");
        raw().send("GET", "/Users?startIndex=1&count=1", null, "Authorization", "Bearer revoked-or-mistyped")
                .expectScimError(401, null);
        String userName = Bodies.uniqueUserName("guide-missing");
        raw().send(
                        "GET",
                        "/Users?filter=userName+eq+%22" + userName.replace("@", "%40") + "%22",
                        null,
                        "Authorization",
                        "Bearer " + server.token())
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
    }
}
