package dev.kiroscim.server.cli;

import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.H2Backup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code restore --from FILE --data-dir NEW_DIR}: unzips a {@code backup} into a new, empty data dir, opens it (which
 * also applies migrations of a newer version) and verifies the audit chain. Exit 0 when the chain verifies, 1 when
 * not. Start the server on that data dir afterwards; the old data dir is never touched.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Restore an H2 backup zip into a new data dir, and verify its audit chain.")
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "The backup zip (from 'backup' or POST /admin/v1/backup).")
    Path from;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        if (database.dbUrl != null && !database.dbUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "--db-url is PostgreSQL: restore it with pg_restore (see docs/deploy-operations.md)");
        }
        long bytes = H2Backup.restore(from, database.dataDir);
        System.out.println("restored " + bytes + " bytes into " + database.dataDir.toAbsolutePath());
        try (Database db = Database.open(database.toConfig())) {
            return AuditCommand.Verify.verifyAndPrint(db);
        }
    }
}
