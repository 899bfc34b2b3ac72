package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Tokens grow up, black box: expiry, rotation with an overlap, the per-token allow-list with
 * {@code X-Forwarded-For} believed only from {@code server.trustedProxies}, "last used" and "last source IP" in the
 * list, and the actor's source address in the audit trail; the same through the CLI.
 */
class TokenHardeningTest {

    private static final String BEHIND_PROXY = "server:\n  trustedProxies: [\"127.0.0.1/32\", \"::1/128\"]\n";

    @Test
    void anExpiringTokenWorksUntilItExpires() {
        try (KiroServer server = KiroServer.start(Backend.H2)) {
            AdminApi admin = AdminApi.of(server);
            ScimResponse created = admin.post(
                            "/admin/v1/tokens", "{\"name\":\"short\",\"scope\":\"scim\",\"expiresIn\":\"PT20S\"}")
                    .expectStatus(201);
            Instant expires = Instant.parse(created.text("expires"));
            assertThat(Duration.between(Instant.parse(created.text("created")), expires))
                    .isEqualTo(Duration.ofSeconds(20));
            ScimClient scim = new ScimClient(server.scimUri(), "Bearer " + created.text("token"));
            scim.get("/Users").expectStatus(200);

            ScimResponse refused = Poll.until(
                    "the token expires",
                    Duration.ofSeconds(40),
                    Duration.ofMillis(200),
                    () -> scim.get("/Users"),
                    r -> r.status() != 200);
            refused.expectScimError(401, null);
            assertThat(refused.text("detail")).contains("token 'short' expired");
            assertThat(Instant.now()).isAfterOrEqualTo(expires);

            admin.post("/admin/v1/tokens", "{\"name\":\"bad\",\"expiresIn\":\"soon\"}")
                    .expectStatus(400);
            admin.post("/admin/v1/tokens", "{\"name\":\"bad\",\"expiresIn\":\"-PT1S\"}")
                    .expectStatus(400);
            admin.post("/admin/v1/tokens", "{\"name\":\"bad\",\"allowFrom\":[\"10.0.0.0/99\"]}")
                    .expectStatus(400);
            assertThat(names(admin)).doesNotContain("bad");
        }
    }

    @Test
    void rotationKeepsTheOldSecretUntilTheGraceEndsAndListsBoth() {
        try (KiroServer server = KiroServer.start(Backend.H2)) {
            AdminApi admin = AdminApi.of(server);
            String first = admin.createToken("{\"name\":\"okta\",\"scope\":\"scim\"}");
            ScimResponse rotated = admin.post("/admin/v1/tokens/okta/rotate", "{\"grace\":\"PT1H\"}")
                    .expectStatus(201);
            String second = rotated.text("token");
            assertThat(second).isNotEqualTo(first).startsWith("kiro_");
            assertThat(rotated.text("name")).isEqualTo("okta");
            assertThat(rotated.text("scope")).isEqualTo("scim");

            bearer(server, first).get("/Users").expectStatus(200);
            bearer(server, second).get("/Users").expectStatus(200);
            List<JsonNode> listed = tokens(admin, "okta");
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).path("current").asBoolean()).isTrue();
            assertThat(listed.get(1).path("current").asBoolean()).isFalse();
            Instant graceEnds = Instant.parse(listed.get(1).path("expires").asText());
            assertThat(graceEnds)
                    .isBetween(
                            Instant.now().plus(Duration.ofMinutes(59)),
                            Instant.now().plus(Duration.ofMinutes(61)));

            // no body = the default grace; then PT0S ends every older secret at once
            admin.post("/admin/v1/tokens/okta/rotate", null).expectStatus(201);
            String fourth = admin.post("/admin/v1/tokens/okta/rotate", "{\"grace\":\"PT0S\"}")
                    .expectStatus(201)
                    .text("token");
            bearer(server, first).get("/Users").expectScimError(401, null);
            bearer(server, second).get("/Users").expectScimError(401, null);
            bearer(server, fourth).get("/Users").expectStatus(200);

            admin.post("/admin/v1/tokens/nobody/rotate", "{}").expectStatus(404);
            admin.post("/admin/v1/tokens/okta/rotate", "{\"grace\":\"P60D\"}").expectStatus(400);
            admin.post("/admin/v1/tokens/okta/rotate", "{\"grace\":\"tomorrow\"}")
                    .expectStatus(400);
            admin.post("/admin/v1/tokens/okta/rotate", "[1]").expectStatus(400);
            bearer(server, fourth).get("/Users").expectStatus(200);

            JsonNode events = admin.audit("token.rotated");
            assertThat(events).hasSize(3);
            assertThat(events.get(0).path("details").path("graceEnds").asText()).isEqualTo(graceEnds.toString());
            assertThat(events.get(0).path("details").path("sourceIp").asText()).isEqualTo("127.0.0.1");

            admin.delete("/admin/v1/tokens/okta").expectStatus(204);
            bearer(server, fourth).get("/Users").expectScimError(401, null);
            assertThat(tokens(admin, "okta")).isEmpty();
        }
    }

    @Test
    void theAllowListSeesTheClientBehindATrustedProxyAndNotAForgedHeader() {
        try (KiroServer proxied = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(BEHIND_PROXY));
                KiroServer direct = KiroServer.start(Backend.H2)) {
            AdminApi admin = AdminApi.of(proxied).forwardedFor("198.51.100.20");
            String pinned =
                    admin.createToken("{\"name\":\"pinned\",\"allowFrom\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}");
            JsonNode created = admin.audit("token.created").get(0).path("details");
            assertThat(created.path("sourceIp").asText())
                    .as("the actor's address is the proxy's client")
                    .isEqualTo("198.51.100.20");
            assertThat(created.path("allowFrom").toString()).isEqualTo("[\"203.0.113.0/24\",\"2001:db8::/32\"]");

            RawHttp raw = RawHttp.to(proxied);
            String auth = "Bearer " + pinned;
            raw.send("GET", "/Users", null, "Authorization", auth)
                    .expectScimError(403, null)
                    .assertText("detail")
                    .contains("may not be used from 127.0.0.1");
            raw.send("GET", "/Users", null, "Authorization", auth, "X-Forwarded-For", "203.0.113.9")
                    .expectStatus(200);
            raw.send("GET", "/Users", null, "Authorization", auth, "X-Forwarded-For", "2001:db8::5")
                    .expectStatus(200);
            // the client wrote 203.0.113.9 itself; the proxy appended the real address
            raw.send("GET", "/Users", null, "Authorization", auth, "X-Forwarded-For", "203.0.113.9, 198.51.100.1")
                    .expectScimError(403, null);

            AdminApi directAdmin = AdminApi.of(direct);
            String elsewhere = directAdmin.createToken("{\"name\":\"pinned\",\"allowFrom\":\"203.0.113.0/24\"}");
            RawHttp.to(direct)
                    .send(
                            "GET",
                            "/Users",
                            null,
                            "Authorization",
                            "Bearer " + elsewhere,
                            "X-Forwarded-For",
                            "203.0.113.9")
                    .expectScimError(403, null); // no trusted proxy configured: the header is ignored
            assertThat(directAdmin
                            .audit("auth.failed")
                            .get(0)
                            .path("details")
                            .path("reason")
                            .asText())
                    .contains("allowFrom");

            // last use: written at most once a minute, and at shutdown
            proxied.stop();
            KiroCli.Result list = KiroCli.run(concat(List.of("token", "list"), proxied.databaseArgs()));
            assertThat(list.exitCode()).as(list.describe()).isZero();
            String line = list.stdout()
                    .lines()
                    .filter(l -> l.startsWith("pinned"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line)
                    .contains("2001:db8::5")
                    .contains("203.0.113.0/24,2001:db8::/32")
                    .doesNotContain(pinned);
            assertThat(list.stdout()).contains("LAST USED").contains("LAST SOURCE IP");
            proxied.startAgain();
            JsonNode listed = tokens(AdminApi.of(proxied), "pinned").get(0);
            assertThat(listed.path("lastSourceIp").asText())
                    .as("the last address the token was accepted from")
                    .isEqualTo("2001:db8::5");
            assertThat(Instant.parse(listed.path("lastUsed").asText())).isBefore(Instant.now());
        }
    }

    @Test
    void theCliCreatesExpiringPinnedTokensAndRotatesThem() throws Exception {
        Path dataDir = Files.createTempDirectory("kiro-it-token-cli-");
        try {
            KiroCli.Result create = KiroCli.run(
                    "token",
                    "create",
                    "--name",
                    "entra",
                    "--expires-in",
                    "P365D",
                    "--allow-from",
                    "10.0.0.0/8,2001:db8::/32",
                    "--data-dir",
                    dataDir.toString());
            assertThat(create.exitCode()).as(create.describe()).isZero();
            String first = create.stdout().strip();
            KiroCli.Result rotate =
                    KiroCli.run("token", "rotate", "entra", "--grace", "PT24H", "--data-dir", dataDir.toString());
            assertThat(rotate.exitCode()).as(rotate.describe()).isZero();
            String second = rotate.stdout().strip();
            assertThat(second).startsWith("kiro_").isNotEqualTo(first);

            KiroCli.Result list = KiroCli.run("token", "list", "--data-dir", dataDir.toString());
            List<String> lines =
                    list.stdout().lines().filter(l -> l.startsWith("entra")).toList();
            assertThat(lines)
                    .as(list.stdout())
                    .hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("10.0.0.0/8,2001:db8::/32"));
            assertThat(list.stdout()).doesNotContain(first).doesNotContain(second);
            assertThat(KiroCli.run("token", "rotate", "nobody", "--data-dir", dataDir.toString())
                            .exitCode())
                    .isNotZero();
            assertThat(KiroCli.run(
                                    "token",
                                    "create",
                                    "--name",
                                    "x",
                                    "--expires-in",
                                    "never",
                                    "--data-dir",
                                    dataDir.toString())
                            .stderr())
                    .contains("--expires-in must be an ISO-8601 duration");

            try (KiroServer server =
                    KiroServer.start(ServerOptions.on(Backend.H2).withDataDir(dataDir))) {
                // loopback is not in the allow-list: refused with 403, with either secret
                bearer(server, first).get("/Users").expectScimError(403, null);
                bearer(server, second).get("/Users").expectScimError(403, null);
            }
        } finally {
            KiroServer.deleteRecursively(dataDir);
        }
    }

    private static ScimClient bearer(KiroServer server, String secret) {
        return new ScimClient(server.scimUri(), "Bearer " + secret);
    }

    private static List<JsonNode> tokens(AdminApi admin, String name) {
        JsonNode all = admin.get("/admin/v1/tokens").expectStatus(200).json().path("tokens");
        return StreamSupport.stream(all.spliterator(), false)
                .filter(t -> t.path("name").asText().equals(name))
                .toList();
    }

    private static List<String> names(AdminApi admin) {
        JsonNode all = admin.get("/admin/v1/tokens").expectStatus(200).json().path("tokens");
        return StreamSupport.stream(all.spliterator(), false)
                .map(t -> t.path("name").asText())
                .toList();
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
