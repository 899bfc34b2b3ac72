package dev.kiroscim.persistence;

import dev.kiroscim.core.testsupport.TestPostgres;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * An empty database for a test: H2 in memory, or a fresh PostgreSQL database dropped on {@link #close()}.
 * Store contracts are parameterised over {@link Kind}, so one class runs on both databases:
 *
 * <pre>{@code
 * @ParameterizedClass(name = "on {0}")
 * @EnumSource(TestDatabase.Kind.class)
 * class SyncOutboxContract { @Parameter TestDatabase.Kind kind; ... TestDatabase.create(kind, "outbox") ... }
 * }</pre>
 *
 * <p>H2 URLs carry {@link DatabaseConfig#H2_OPTIONS}, the options of the server's own H2 database (PostgreSQL mode,
 * null ordering, the 10 s {@code LOCK_TIMEOUT}), plus {@code DB_CLOSE_DELAY=-1} so the in-memory database outlives
 * a moment without connections. PostgreSQL follows {@link TestPostgres#require()}: skipped when absent, failing
 * under {@code CI=true}.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    private static final int POOL_SIZE = 4;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final DatabaseConfig config;
    private final TestPostgres postgres;

    private TestDatabase(DatabaseConfig config, TestPostgres postgres) {
        this.config = config;
        this.postgres = postgres;
    }

    /** A new empty database; {@code name} appears in H2's URL (e.g. {@code jdbc:h2:mem:outbox-<uuid>;…}). */
    public static TestDatabase create(Kind kind, String name) {
        if (Objects.requireNonNull(kind, "kind") == Kind.H2) {
            return new TestDatabase(h2(name), null);
        }
        TestPostgres.require();
        TestPostgres database = TestPostgres.createFreshDatabase();
        return new TestDatabase(
                new DatabaseConfig(database.jdbcUrl(), database.user(), null, POOL_SIZE, CONNECTION_TIMEOUT), database);
    }

    /** A new in-memory H2 database with the server's options. */
    public static DatabaseConfig h2(String name) {
        return new DatabaseConfig(
                "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + DatabaseConfig.H2_OPTIONS + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                POOL_SIZE,
                CONNECTION_TIMEOUT);
    }

    public DatabaseConfig config() {
        return config;
    }

    /** Drops a PostgreSQL database (H2's in-memory one goes with the JVM). Close the {@link Database} first. */
    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
