package dev.kiroscim.persistence;

import java.time.Duration;
import java.util.UUID;

class BudgetsOnH2Test extends BudgetsContract {

    private final String url = "jdbc:h2:mem:budgets-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    @Override
    DatabaseConfig config() {
        return new DatabaseConfig(url, "sa", "", 4, Duration.ofSeconds(5));
    }
}
