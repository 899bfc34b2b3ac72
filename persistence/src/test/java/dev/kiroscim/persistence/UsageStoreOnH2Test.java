package dev.kiroscim.persistence;

import java.time.Duration;
import java.util.UUID;

class UsageStoreOnH2Test extends UsageStoreContract {

    private final String url = "jdbc:h2:mem:usage-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    @Override
    DatabaseConfig config() {
        return new DatabaseConfig(url, "sa", "", 4, Duration.ofSeconds(5));
    }
}
