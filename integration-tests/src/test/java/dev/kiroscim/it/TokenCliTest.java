package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code token create|list|revoke} work on a stopped server's data dir; the server then accepts (or, after revoke,
 * rejects) the token, as a bearer and as Basic auth with the token name as user.
 */
class TokenCliTest {

    private Path dataDir;

    @BeforeEach
    void createDataDir() throws IOException {
        dataDir = Files.createTempDirectory("kiro-it-cli-");
    }

    @AfterEach
    void deleteDataDir() {
        KiroServer.deleteRecursively(dataDir);
    }

    @Test
    void tokenCreatedOfflineWorksUntilRevoked() {
        String token = KiroCli.createToken(dataDir, "okta", "scim");
        assertThat(token)
                .as("token create prints a non-trivial token on its last line")
                .hasSizeGreaterThanOrEqualTo(20)
                .doesNotContainAnyWhitespaces();

        KiroCli.Result list = KiroCli.run("token", "list", "--data-dir", dataDir.toString());
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdout()).as("token list names the token").contains("okta");
        assertThat(list.stdout())
                .as("token list must never print the raw token")
                .doesNotContain(token);

        ServerOptions options =
                ServerOptions.on(Backend.H2).withDataDir(dataDir).withoutBootstrapToken();
        try (KiroServer server = KiroServer.start(options)) {
            ScimClient bearer = new ScimClient(server.scimUri(), "Bearer " + token);
            bearer.get("/Users").expectStatus(200);
            bearer.post("/Users", Bodies.user(Bodies.uniqueUserName("cli"))).expectStatus(201);
            bearer.withAuthorization(ServeContract.basic("okta", token))
                    .get("/Users")
                    .expectStatus(200);
            bearer.withAuthorization(ServeContract.basic("someone-else", token))
                    .get("/Users")
                    .expectScimError(401, null);
            bearer.withAuthorization("Bearer " + token + "x").get("/Users").expectScimError(401, null);

            server.stop();
            KiroCli.Result revoke = KiroCli.run("token", "revoke", "okta", "--data-dir", dataDir.toString());
            assertThat(revoke.exitCode()).as(revoke.describe()).isZero();
            server.startAgain();

            new ScimClient(server.scimUri(), "Bearer " + token).get("/Users").expectScimError(401, null);
        }
        assertThat(readAll(dataDir))
                .as("the raw token must not be stored in the data dir")
                .doesNotContain(token);
    }

    @Test
    void adminScopedTokenIsCreatedToo() {
        String token = KiroCli.createToken(dataDir, "ops", "admin");
        assertThat(token).isNotBlank();
        KiroCli.Result list = KiroCli.run("token", "list", "--data-dir", dataDir.toString());
        assertThat(list.stdout()).as(list.describe()).contains("ops").doesNotContain(token);
    }

    private static String readAll(Path dir) {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    all.append(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return all.toString();
    }
}
