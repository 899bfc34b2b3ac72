package dev.kiroscim.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Backups of the embedded H2 database, made with H2's own {@code BACKUP TO}: a zip holding one consistent copy of
 * {@code kiro-scim.mv.db}. It is consistent while the server runs and writes, because the MVStore never overwrites
 * live data (copy-on-write): the copy is the state of one commit. Every write acknowledged before the backup started
 * is in it (the server writes each commit to the file before it answers; see {@link H2CommitFlush}).
 *
 * <p>Restoring is unzipping that one file into an empty data dir; {@link #restore} does it with the checks an admin
 * would forget (never over an existing database, nothing but the database file taken from the zip).
 */
public final class H2Backup {

    /** The database file name in a data dir and in a backup zip ({@link DatabaseConfig#h2}). */
    public static final String DATABASE_FILE = "kiro-scim.mv.db";

    private H2Backup() {}

    /** Backs up the database this server has open, while it keeps serving. */
    public static void online(Database database, Path zip) {
        if (database.config().isPostgres()) {
            throw new UnsupportedOperationException("this server runs on PostgreSQL: back it up with pg_dump");
        }
        try (Connection c = database.dataSource().getConnection()) {
            backup(c, zip);
        } catch (SQLException e) {
            throw new IllegalStateException("BACKUP TO " + zip + " failed", e);
        }
    }

    /** Backs up the database in {@code dataDir}, whose server must be stopped (H2 locks the file). */
    public static void offline(Path dataDir, Path zip) {
        if (!Files.isRegularFile(dataDir.resolve(DATABASE_FILE))) {
            throw new IllegalArgumentException(
                    "no database in " + dataDir.toAbsolutePath() + " (expected " + DATABASE_FILE + ")");
        }
        DatabaseConfig h2 = DatabaseConfig.h2(dataDir);
        try (Connection c = DriverManager.getConnection(h2.jdbcUrl() + ";IFEXISTS=TRUE", h2.user(), h2.password())) {
            backup(c, zip);
        } catch (SQLException e) {
            throw new IllegalStateException("BACKUP TO " + zip + " failed", e);
        }
    }

    private static void backup(Connection c, Path zip) throws SQLException {
        Path target = zip.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists already; choose a new file name");
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent(), e);
        }
        try (Statement s = c.createStatement()) {
            // BACKUP TO takes a literal, not a parameter; the path is the server's own, quotes doubled anyway.
            s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        }
        ownerOnly(target); // the backup holds personal data and token hashes
    }

    /**
     * Unzips a backup into {@code dataDir}, which must not hold a database yet (it is created if missing).
     *
     * @return the size of the restored database file
     */
    public static long restore(Path zip, Path dataDir) {
        Path target = dataDir.resolve(DATABASE_FILE);
        if (Files.exists(target)) {
            throw new IllegalArgumentException(
                    dataDir.toAbsolutePath() + " already holds a database; restore into a new, empty data dir");
        }
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                // Only the database file, by its plain name: no other files, and no paths ("zip slip").
                if (!entry.isDirectory() && entry.getName().equals(DATABASE_FILE)) {
                    Files.createDirectories(dataDir);
                    copy(in, target);
                    found = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup " + zip, e);
        }
        if (!found) {
            throw new IllegalArgumentException(zip + " is not a Kiro SCIM Bridge backup: it holds no " + DATABASE_FILE);
        }
        try {
            ownerOnly(target);
            return Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Path partial = target.resolveSibling(DATABASE_FILE + ".restoring");
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions apply
        }
    }
}
