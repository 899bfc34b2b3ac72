package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets never reach the log, in either format: the bootstrap token, a token printed by {@code token create}, one
 * returned by {@code POST /admin/v1/tokens}, and a wrong one, each sent as a bearer or Basic password. The same run
 * checks what the log must say: an access line per request with the request id, the token's name, method, path and
 * status; in JSON, one object per line with the fixed fields.
 */
class LogSecretsTest {

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws IOException {
        dataDir = Files.createTempDirectory("kiro-it-logs-");
    }

    @AfterEach
    void deleteDataDir() {
        KiroServer.deleteRecursively(dataDir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "json"})
    void tokensNeverAppearInTheLog(String format) throws IOException {
        KiroCli.Result created =
                KiroCli.run("token", "create", "--name", "okta", "--scope", "scim", "--data-dir", dataDir.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        String cliToken = created.lastLine();
        assertThat(created.stderr())
                .as("token create logs nothing of the token")
                .doesNotContain(cliToken);

        // plain is the default; json is chosen by the environment variable (the flag is the same option).
        ServerOptions options = ServerOptions.on(Backend.H2).withDataDir(dataDir);
        if (format.equals("json")) {
            options = options.withEnv("KIRO_SCIM_LOG_FORMAT", "json");
        }
        String wrongToken = "kiro_" + "wrongwrongwrong" + Bodies.unique();
        String apiToken;
        try (KiroServer server = KiroServer.start(options)) {
            ScimClient okta = new ScimClient(server.scimUri(), "Bearer " + cliToken);
            okta.send(okta.request().header("X-Request-Id", "log-check-" + format), "GET", "/Users", null)
                    .expectStatus(200);
            okta.withAuthorization(ServeContract.basic("okta", cliToken))
                    .get("/Users")
                    .expectStatus(200);
            okta.withAuthorization("Bearer " + wrongToken).get("/Users").expectScimError(401, null);
            ScimClient admin = ScimClient.bearer(server);
            apiToken = admin.post(
                            server.baseUri() + "/admin/v1/tokens",
                            "{\"name\":\"ops-" + format + "\",\"scope\":\"admin\"}")
                    .expectStatus(201)
                    .text("token");
            admin.withAuthorization("Bearer " + apiToken)
                    .get(server.baseUri() + "/metrics")
                    .expectStatus(200);
            String log = Files.readString(server.logFile(), StandardCharsets.UTF_8);
            assertThat(log).as("the access line of the traced request").contains("log-check-" + format);

            for (String secret : List.of(server.token(), cliToken, apiToken, wrongToken)) {
                assertThat(log).as("a token in the %s log", format).doesNotContain(secret);
            }
            List<String> access = log.lines()
                    .filter(l -> l.contains("dev.kiroscim.access") || l.contains("] access - "))
                    .toList();
            assertThat(access)
                    .as("one access line per request\n" + server.logTail())
                    .hasSizeGreaterThanOrEqualTo(5);
            if (format.equals("json")) {
                assertJsonLines(log, "log-check-" + format);
            } else {
                assertThat(access)
                        .anySatisfy(l -> assertThat(l)
                                .contains("GET /scim/v2/Users 200", "request=log-check-plain", "actor=okta"));
                assertThat(log).as("plain text by default").doesNotContain("{\"time\"");
            }
        }
    }

    /** Every line the server wrote is one JSON object; the traced request's access line has all the fields. */
    private static void assertJsonLines(String log, String requestId) {
        List<String> serverLines =
                log.lines().filter(l -> !l.startsWith("=== ") && !l.isBlank()).toList();
        assertThat(serverLines).isNotEmpty();
        for (String line : serverLines) {
            JsonNode json = Json.parse(line);
            assertThat(json.isObject()).as(line).isTrue();
            for (String field : List.of("time", "level", "logger", "message")) {
                assertThat(json.hasNonNull(field)).as(field + " in " + line).isTrue();
            }
        }
        JsonNode traced = serverLines.stream()
                .map(Json::parse)
                .filter(j -> requestId.equals(j.path("requestId").asText())
                        && j.path("logger").asText().equals("dev.kiroscim.access"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no access line with requestId " + requestId + " in\n" + log));
        assertThat(traced.path("actor").asText()).isEqualTo("okta");
        assertThat(traced.path("method").asText()).isEqualTo("GET");
        assertThat(traced.path("path").asText()).isEqualTo("/scim/v2/Users");
        assertThat(traced.path("status").asInt()).isEqualTo(200);
        assertThat(traced.path("durationMs").isNumber()).isTrue();
    }

    @Test
    void anUnknownLogFormatIsRefusedBeforeAnythingStarts() {
        KiroCli.Result result =
                KiroCli.run("serve", "--log-format", "xml", "--port", "0", "--data-dir", dataDir.toString());
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown log format 'xml': use plain or json");
    }
}
