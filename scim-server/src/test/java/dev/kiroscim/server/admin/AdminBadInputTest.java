package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to the admin API: unknown ids are 404, malformed parameters, dates, limits and bodies are 400 (409 for
 * what the configuration does not offer), always with the admin error body {@code {"status","message"}} naming what
 * was wrong, never a 500. A token without the admin scope is refused 403 on every admin endpoint.
 */
class AdminBadInputTest extends OnSeededAdminApi {

    private static String scimToken;

    @BeforeAll
    static void createAScimToken() {
        scimToken = api.post("admin/v1/tokens", "{\"name\":\"okta\",\"scope\":\"scim\"}")
                .json()
                .path("token")
                .asText();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // unknown ids
                Arguments.of("GET", "admin/v1/entitlements/no-such-id", null, 404, "no SCIM user with id 'no-such-id'"),
                Arguments.of("GET", "admin/v1/pools/No-Such-Pool", null, 404, "'No-Such-Pool' is not a pool"),
                Arguments.of("DELETE", "admin/v1/tokens/no-such-token", null, 404, "no token named 'no-such-token'"),
                Arguments.of("POST", "admin/v1/tokens/no-such-token/rotate", "", 404, "no-such-token"),
                Arguments.of(
                        "GET", "admin/v1/users/nobody@example.com/usage", null, 404, "no user 'nobody@example.com'"),
                // audit
                Arguments.of("GET", "admin/v1/audit?limit=many", null, 400, "limit must be a number between 1 and"),
                Arguments.of("GET", "admin/v1/audit?limit=0", null, 400, "limit"),
                Arguments.of("GET", "admin/v1/audit?since=yesterday", null, 400, "since"),
                Arguments.of("GET", "admin/v1/audit?until=2026-13-01", null, 400, "until"),
                Arguments.of("GET", "admin/v1/audit?type=nope", null, 400, "'nope' matches no event type"),
                Arguments.of("GET", "admin/v1/audit?cursor=not-a-cursor", null, 400, "cursor"),
                // entitlements
                Arguments.of("GET", "admin/v1/entitlements?state=BOGUS", null, 400, "state must be one of"),
                Arguments.of("GET", "admin/v1/entitlements?limit=0", null, 400, "limit must be between 1 and 500"),
                Arguments.of("GET", "admin/v1/entitlements?limit=501", null, 400, "limit must be between 1 and 500"),
                Arguments.of(
                        "GET",
                        "admin/v1/entitlements?limit=ten",
                        null,
                        400,
                        "limit must be between 1 and 500; got 'ten'"),
                // seats, pools, people
                Arguments.of("GET", "admin/v1/seats/idle?days=thirty", null, 400, "days must be a whole number"),
                Arguments.of("GET", "admin/v1/seats/idle?days=0", null, 400, "days"),
                Arguments.of(
                        "GET", "admin/v1/seats/history?days=0", null, 400, "days must be a number between 1 and 731"),
                Arguments.of(
                        "GET", "admin/v1/seats/history?days=x", null, 400, "days must be a number between 1 and 731"),
                Arguments.of("GET", "admin/v1/pools/expiring?days=-1", null, 400, "days must be a number between 0"),
                Arguments.of("GET", "admin/v1/pools/Dev-Team?limit=0", null, 400, "limit must be a number between 1"),
                Arguments.of("GET", "admin/v1/people?limit=201", null, 400, "limit must be a number between 1 and 200"),
                Arguments.of("GET", "admin/v1/people?limit=x", null, 400, "limit must be a number between 1 and 200"),
                Arguments.of("GET", "admin/v1/people?q=" + "a".repeat(257), null, 400, "q must be at most 256"),
                // money and usage
                Arguments.of("GET", "admin/v1/invoice?month=last", null, 400, "month"),
                Arguments.of("GET", "admin/v1/invoice?month=2026-13", null, 400, "month"),
                Arguments.of("GET", "admin/v1/recommendations?months=13", null, 400, "months"),
                Arguments.of("GET", "admin/v1/recommendations?months=x", null, 400, "months must be a whole number"),
                Arguments.of("GET", "admin/v1/usage?month=11/2026", null, 400, "month"),
                Arguments.of("GET", "admin/v1/users/ann@example.com/usage?month=x", null, 400, "month"),
                Arguments.of("POST", "admin/v1/usage/import?from=tomorrow", "", 400, "from must be a date"),
                Arguments.of("POST", "admin/v1/usage/import", "[1]", 400, "JSON object"),
                Arguments.of("POST", "admin/v1/usage/import", "", 409, "usage reports are not configured"),
                // reports
                Arguments.of("GET", "admin/v1/reports/holders", null, 400, "at"),
                Arguments.of("GET", "admin/v1/reports/holders?at=noon", null, 400, "at"),
                Arguments.of("GET", "admin/v1/reports/offboarding", null, 400, "since"),
                Arguments.of("GET", "admin/v1/reports/seats?month=someday", null, 400, "month"),
                // sync and notifications
                Arguments.of(
                        "GET",
                        "admin/v1/sync/pending?limit=501",
                        null,
                        400,
                        "limit must be a number between 1 and 500"),
                Arguments.of(
                        "POST",
                        "admin/v1/notifications/retry?endpoint=nope",
                        "",
                        400,
                        "no notification endpoint is named 'nope'"),
                // tokens
                Arguments.of("POST", "admin/v1/tokens", "not json", 400, "body must be JSON like"),
                Arguments.of("POST", "admin/v1/tokens", "[]", 400, "body must be JSON like"),
                Arguments.of("POST", "admin/v1/tokens", "{\"name\":\"t1\",\"scope\":\"root\"}", 400, "root"),
                Arguments.of("POST", "admin/v1/tokens", "{\"name\":\"t2\",\"expiresIn\":\"a year\"}", 400, "expiresIn"),
                Arguments.of(
                        "POST",
                        "admin/v1/tokens",
                        "{\"name\":\"t3\",\"allowFrom\":[\"10.0.0.0/99\"]}",
                        400,
                        "10.0.0.0/99"),
                Arguments.of(
                        "POST",
                        "admin/v1/tokens",
                        "{\"name\":\"t4\",\"allowFrom\":{\"a\":1}}",
                        400,
                        "allowFrom must be a list"),
                Arguments.of("POST", "admin/v1/tokens", "{\"scope\":\"scim\"}", 400, "name"),
                Arguments.of("POST", "admin/v1/tokens/bootstrap/rotate", "{\"grace\":\"soon\"}", 400, "grace"),
                Arguments.of(
                        "POST", "admin/v1/tokens/bootstrap/rotate", "\"x\"", 400, "body must be empty or JSON like"));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("badRequests")
    void isRefusedWithTheAdminErrorBody(String method, String path, String body, int status, String message) {
        AdminApiFixture.Answer answer = api.send(method, path, Map.of(), body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.message()).as(answer.toString()).contains(message);
    }

    @ParameterizedTest(name = "{0} {1} with a scim token → 403")
    @CsvSource({
        "GET, admin/v1/audit",
        "GET, admin/v1/audit/verify",
        "GET, admin/v1/cluster",
        "GET, admin/v1/entitlements",
        "GET, admin/v1/users/ann@example.com/explain",
        "GET, admin/v1/seats/idle",
        "GET, admin/v1/invoice",
        "GET, metrics",
        "GET, admin/v1/notifications",
        "GET, admin/v1/people",
        "GET, admin/v1/pools/Dev-Team",
        "GET, admin/v1/recommendations",
        "GET, admin/v1/reports/seats?month=2026-11",
        "GET, admin/v1/seats/history",
        "GET, admin/v1/seats",
        "GET, admin/v1/sync",
        "GET, admin/v1/sync/pending",
        "GET, admin/v1/tokens",
        "GET, admin/v1/usage?month=2026-11",
        "GET, admin/v1/users/ann@example.com/usage",
        "POST, admin/v1/backup",
        "POST, admin/v1/policy/reload",
        "POST, admin/v1/sync/retry",
        "POST, admin/v1/notifications/retry",
        "POST, admin/v1/usage/import",
        "DELETE, admin/v1/tokens/okta",
    })
    void aTokenWithoutTheAdminScopeIsRefused(String method, String path) {
        AdminApiFixture.Answer answer = api.send(
                method, path, Map.of("Authorization", "Bearer " + scimToken), "POST".equals(method) ? "" : null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        if (path.startsWith("admin/")) {
            assertThat(answer.message()).isEqualTo("token 'okta' lacks the admin scope");
        }
    }

    @ParameterizedTest(name = "Authorization: {0} → 401")
    @CsvSource({"Bearer wrong-secret", "Basic YWRtaW46YWRtaW4="})
    void aBadCredentialIsRefused(String authorization) {
        AdminApiFixture.Answer answer = api.send("GET", "admin/v1/seats", Map.of("Authorization", authorization), null);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).contains("Authorization: Bearer");
    }
}
