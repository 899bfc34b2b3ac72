package dev.kiroscim.persistence;

import dev.kiroscim.core.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

class BudgetsOnPostgresTest extends BudgetsContract {

    private TestPostgres database;

    @Override
    DatabaseConfig config() {
        if (database == null) {
            TestPostgres.require();
            database = TestPostgres.createFreshDatabase();
        }
        return new DatabaseConfig(database.jdbcUrl(), database.user(), null, 4, Duration.ofSeconds(5));
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
