package dev.kiroscim.persistence;

import java.time.Duration;
import java.util.UUID;

class NotificationOutboxOnH2Test extends NotificationOutboxContract {

    private final String url = "jdbc:h2:mem:notify-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Override
    DatabaseConfig config() {
        return new DatabaseConfig(url, "sa", "", 4, Duration.ofSeconds(5));
    }
}
