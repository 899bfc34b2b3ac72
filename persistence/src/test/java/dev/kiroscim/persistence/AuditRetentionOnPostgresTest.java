package dev.kiroscim.persistence;

import dev.kiroscim.core.testsupport.TestPostgres;
import java.time.Duration;

/** Skips without PostgreSQL, fails under {@code CI=true} (see {@link TestPostgres#require()}). */
class AuditRetentionOnPostgresTest extends AuditRetentionContract {

    private TestPostgres database;

    @Override
    DatabaseConfig freshDatabase() {
        TestPostgres.require();
        database = TestPostgres.createFreshDatabase();
        return new DatabaseConfig(database.jdbcUrl(), database.user(), null, 4, Duration.ofSeconds(5));
    }

    @Override
    void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
