package dev.kiroscim.persistence;

class NotificationOutboxOnH2Test extends NotificationOutboxContract {

    private final DatabaseConfig config = TestDatabase.h2("notify");

    @Override
    DatabaseConfig config() {
        return config;
    }
}
