package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.persistence.H2Backup;
import dev.kiroscim.server.scim.render.ScimJson;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backup}: a consistent zip of the embedded H2 database.
 * <ul>
 *   <li>while the server runs: {@code backup --url http://HOST:8080 --token ADMIN_TOKEN} asks it
 *       ({@code POST /admin/v1/backup}); the zip is written into the server's backup directory and its path printed;</li>
 *   <li>while it is stopped: {@code backup --data-dir ./data --to /backups/kiro.zip}.</li>
 * </ul>
 * Restore with {@code restore --from FILE --data-dir NEW_DIR}. PostgreSQL is backed up with {@code pg_dump}.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Back up the embedded H2 database: online through a running server (--url), or offline (--to).")
public final class BackupCommand implements Callable<Integer> {

    @Mixin
    AdminCall server; // its --url and --token; the backup call itself answers 201 and may take minutes

    @Option(
            names = "--to",
            description = "Zip file to write, when the server is stopped (offline backup of --data-dir).")
    Path to;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if ((server.url == null) == (to == null)) {
            throw new IllegalArgumentException(
                    "give either --url (the server is running) or --to FILE (the server is stopped)");
        }
        if (server.url != null) {
            return online();
        }
        if (database.dbUrl != null && !database.dbUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "--db-url is PostgreSQL: back it up with pg_dump (see docs/deploy-operations.md)");
        }
        H2Backup.offline(database.dataDir, to);
        System.out.println("backup written to " + to.toAbsolutePath() + " (" + Files.size(to) + " bytes)");
        return 0;
    }

    private int online() throws Exception {
        if (server.token == null || server.token.isBlank()) {
            throw new IllegalArgumentException("--url needs an admin token: --token or KIRO_SCIM_TOKEN");
        }
        HttpRequest request = HttpRequest.newBuilder(server.url.resolve("/admin/v1/backup"))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + server.token)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = ScimJson.MAPPER.readTree(response.body());
        if (response.statusCode() != 201) {
            System.err.println("error: the server answered " + response.statusCode() + ": "
                    + body.path("message").asText(response.body()));
            return 1;
        }
        System.out.println("backup written by the server to "
                + body.path("file").asText() + " (" + body.path("bytes").asLong() + " bytes)");
        return 0;
    }
}
