package dev.kiroscim.server.cli;

import dev.kiroscim.persistence.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the data lives, shared by every command that touches the database. Each flag has an environment
 * variable twin, so container deployments need no command-line changes.
 */
public final class DatabaseOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:KIRO_SCIM_DATA_DIR:-./data}",
            description = "Directory of the embedded H2 database (default ./data; env KIRO_SCIM_DATA_DIR).")
    Path dataDir;

    @Option(
            names = "--db-url",
            defaultValue = "${env:KIRO_SCIM_DB_URL}",
            description =
                    "JDBC URL of a PostgreSQL database, e.g. jdbc:postgresql://db:5432/kiro (env KIRO_SCIM_DB_URL). Overrides --data-dir.")
    String dbUrl;

    @Option(
            names = "--db-user",
            defaultValue = "${env:KIRO_SCIM_DB_USER}",
            description = "Database user (env KIRO_SCIM_DB_USER).")
    String dbUser;

    @Option(
            names = "--db-password-file",
            defaultValue = "${env:KIRO_SCIM_DB_PASSWORD_FILE}",
            description =
                    "File holding the database password (env KIRO_SCIM_DB_PASSWORD_FILE). Never pass the password itself.")
    Path dbPasswordFile;

    @Option(
            names = "--db-pool-size",
            defaultValue = "${env:KIRO_SCIM_DB_POOL_SIZE:-10}",
            description = "Database connections (default 10; env KIRO_SCIM_DB_POOL_SIZE).")
    int poolSize;

    DatabaseConfig toConfig() throws IOException {
        if (dbUrl == null || dbUrl.isBlank()) {
            Files.createDirectories(dataDir);
            DatabaseConfig h2 = DatabaseConfig.h2(dataDir);
            return new DatabaseConfig(h2.jdbcUrl(), h2.user(), h2.password(), poolSize, h2.connectionTimeout());
        }
        String password =
                dbPasswordFile == null ? null : Files.readString(dbPasswordFile).strip();
        return new DatabaseConfig(dbUrl, dbUser, password, poolSize, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }
}
