package dev.kiroscim.server.backup;

import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.DatabaseConfig;
import dev.kiroscim.persistence.H2Backup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of a running server's embedded H2 database into one directory: {@code KIRO_SCIM_BACKUP_DIR}, or
 * {@code backups/} inside the data dir. File names carry the UTC time, {@code kiro-scim-20261201T104500Z.zip}, so
 * that a directory listing sorts them and old ones can be pruned by name. Mount that directory on other storage, or
 * copy the files off: a backup on the data dir's own disk does not survive the loss of that disk.
 */
public final class OnlineBackups {

    public static final String DIRECTORY_VARIABLE = "KIRO_SCIM_BACKUP_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(OnlineBackups.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path directory;
    private final Clock clock;

    public OnlineBackups(Database database, Path directory, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.clock = clock;
    }

    /** The backup directory for this database: the environment variable, else {@code <data dir>/backups}; null on PostgreSQL. */
    public static Path directoryFor(DatabaseConfig config) {
        String configured = System.getenv(DIRECTORY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return config.h2DataDir().map(dir -> dir.resolve("backups")).orElse(null);
    }

    public boolean supported() {
        return !database.config().isPostgres() && directory != null;
    }

    /** Writes a new backup zip and returns its path. */
    public synchronized Path create() {
        if (!supported()) {
            throw new UnsupportedOperationException("this server runs on PostgreSQL: back it up with pg_dump");
        }
        String stamp = STAMP.format(clock.instant());
        Path zip = directory.resolve("kiro-scim-" + stamp + ".zip");
        for (int n = 2; Files.exists(zip); n++) {
            zip = directory.resolve("kiro-scim-" + stamp + "-" + n + ".zip");
        }
        long started = System.nanoTime();
        H2Backup.online(database, zip);
        LOG.info("backup written to {} in {} ms", zip, (System.nanoTime() - started) / 1_000_000);
        return zip;
    }
}
