package dev.kiroscim.server.admin;

import dev.kiroscim.server.backup.OnlineBackups;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * {@code POST /admin/v1/backup} (admin scope): a consistent backup of the embedded H2 database while the server
 * keeps serving, written into the backup directory ({@link OnlineBackups}). Answers 201 with the file and its size.
 * On PostgreSQL it answers 409: there, {@code pg_dump} is the tool (docs/deploy-operations.md).
 */
@Path("admin/v1/backup")
public final class BackupResource {

    private final OnlineBackups backups;

    public BackupResource(OnlineBackups backups) {
        this.backups = backups;
    }

    @POST
    public Response create() {
        if (!backups.supported()) {
            return AdminErrors.of(
                    409, "this server runs on PostgreSQL: back it up with pg_dump (see docs/deploy-operations.md)");
        }
        java.nio.file.Path zip = backups.create();
        try {
            var body = ScimJson.MAPPER
                    .createObjectNode()
                    .put("file", zip.toString())
                    .put("bytes", Files.size(zip))
                    .put("created", Instant.now().toString());
            return Response.status(201)
                    .type("application/json")
                    .entity(ScimJson.bytes(body))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
