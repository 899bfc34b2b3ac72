package dev.kiroscim.persistence;

import dev.kiroscim.core.testsupport.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

class NotificationOutboxOnPostgresTest extends NotificationOutboxContract {

    private TestPostgres database;

    @Override
    DatabaseConfig config() {
        if (database == null) {
            TestPostgres.require();
            database = TestPostgres.createFreshDatabase();
        }
        return new DatabaseConfig(database.jdbcUrl(), database.user(), null, 4, Duration.ofSeconds(5));
    }

    @org.junit.jupiter.api.Test
    @Override
    void concurrentClaimsTakeDisjointHeads() throws Exception {
        super.concurrentClaimsTakeDisjointHeads();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
