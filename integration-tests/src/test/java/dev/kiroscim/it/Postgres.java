package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.TestPostgres;

/** A fresh PostgreSQL database for one server under test (see {@link TestPostgres}), dropped on {@link #close()}. */
public final class Postgres implements AutoCloseable {

    private final TestPostgres database;

    private Postgres(TestPostgres database) {
        this.database = database;
    }

    /** Creates {@code kiro_it_<random>}; call {@link ExternalComponent#requirePostgres()} first. */
    public static Postgres createFreshDatabase() {
        return new Postgres(TestPostgres.createFreshDatabase());
    }

    public String databaseName() {
        return database.databaseName();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String user() {
        return database.user();
    }

    @Override
    public void close() {
        database.close();
    }
}
