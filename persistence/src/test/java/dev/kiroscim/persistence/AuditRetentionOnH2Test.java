package dev.kiroscim.persistence;

import java.time.Duration;
import java.util.UUID;

class AuditRetentionOnH2Test extends AuditRetentionContract {

    @Override
    DatabaseConfig freshDatabase() {
        return new DatabaseConfig("jdbc:h2:mem:retention-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa", "", 4, Duration.ofSeconds(5));
    }
}
