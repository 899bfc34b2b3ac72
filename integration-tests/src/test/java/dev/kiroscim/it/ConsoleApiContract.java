package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console's server side over plain HTTP, on both databases: the admin endpoints it added (and their errors: a 400
 * with a message, never a 500), and a session cookie standing in for a token only with the CSRF header.
 */
abstract class ConsoleApiContract extends ScimContract {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("/admin/v1/people?limit=0", 400, "limit"),
                Arguments.of("/admin/v1/people?limit=abc", 400, "limit"),
                Arguments.of("/admin/v1/people?q=" + "x".repeat(300), 400, "at most"),
                Arguments.of("/admin/v1/pools/Kiro-Developers?limit=0", 400, "limit"),
                Arguments.of("/admin/v1/pools/No-Such-Pool", 404, "not a pool"),
                Arguments.of("/admin/v1/pools/expiring?days=-1", 400, "days"),
                Arguments.of("/admin/v1/seats/history?days=0", 400, "days"),
                Arguments.of("/admin/v1/seats/history?days=many", 400, "days"),
                Arguments.of("/admin/v1/sync/pending?limit=100000", 400, "limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsAnsweredWithAMessage(String path, int status, String message) {
        HttpResponse<String> r = send(
                get(path).header("Authorization", "Bearer " + server.token()).build());
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(Json.parse(r.body()).path("message").asText()).contains(message);
    }

    @Test
    void peopleAreFoundByAnyCaseAndPaged() {
        String prefix = "cons" + Bodies.unique();
        for (String n : List.of("a", "b", "c")) {
            scim.createUser(prefix + "-" + n + "@example.com");
        }
        JsonNode first = admin("/admin/v1/people?limit=2&q=" + prefix.toUpperCase());
        assertThat(first.path("people").findValuesAsText("userName"))
                .containsExactly(prefix + "-a@example.com", prefix + "-b@example.com");
        JsonNode second = admin("/admin/v1/people?limit=2&q=" + prefix + "&cursor="
                + first.path("next").asText());
        assertThat(second.path("people").findValuesAsText("userName")).containsExactly(prefix + "-c@example.com");
        assertThat(second.path("next").isNull()).isTrue();
    }

    @Test
    void theNewReadEndpointsAnswer() {
        assertThat(admin("/admin/v1/seats/history?days=3").path("days")).hasSize(3);
        assertThat(admin("/admin/v1/audit/verify").path("ok").asBoolean()).isTrue();
        assertThat(admin("/admin/v1/sync/pending").path("items").isArray()).isTrue();
        assertThat(admin("/admin/v1/pools/expiring?days=7").path("grants").isArray())
                .isTrue();
        JsonNode pool = admin("/admin/v1/pools/Kiro-Developers");
        assertThat(pool.path("holderCount").asInt())
                .isEqualTo(pool.path("holders").size());
    }

    @Test
    void aSessionCookieActsAsAnAdmin_butChangesNeedTheCsrfHeader() {
        HttpResponse<String> in = send(post("/console/session", "{\"token\":\"" + server.token() + "\"}")
                .build());
        assertThat(in.statusCode()).isEqualTo(200);
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/")
                .doesNotContain("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = Json.parse(in.body()).path("csrfToken").asText();

        assertThat(send(get("/admin/v1/seats").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(200);
        assertThat(send(post("/admin/v1/sync/retry", "")
                                .header("Cookie", cookie)
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(post("/admin/v1/sync/retry", "")
                                .header("Cookie", cookie)
                                .header("X-CSRF-Token", "wrong")
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(post("/admin/v1/sync/retry", "")
                                .header("Cookie", cookie)
                                .header("X-CSRF-Token", csrf)
                                .build())
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> out = send(HttpRequest.newBuilder(uri("/console/session"))
                .DELETE()
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .build());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(send(get("/admin/v1/seats").header("Cookie", cookie).build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void signInRefusesWhatIsNotAnAdminTokenFromThisOrigin() {
        String name = "console-scim-" + Bodies.unique();
        String scimToken = Json.parse(send(post("/admin/v1/tokens", "{\"name\":\"" + name + "\",\"scope\":\"scim\"}")
                                .header("Authorization", "Bearer " + server.token())
                                .build())
                        .body())
                .path("token")
                .asText();
        assertThat(send(post("/console/session", "{\"token\":\"" + scimToken + "\"}")
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(post("/console/session", "{\"token\":\"kiro_wrong\"}").build())
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(post("/console/session", "{}").build()).statusCode()).isEqualTo(400);
        assertThat(send(post("/console/session", "{\"token\":\"" + server.token() + "\"}")
                                .header("Origin", "https://evil.example")
                                .build())
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/console/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + server.token()))
                .build());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private JsonNode admin(String path) {
        HttpResponse<String> r = send(
                get(path).header("Authorization", "Bearer " + server.token()).build());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
