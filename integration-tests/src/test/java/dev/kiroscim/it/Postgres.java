package dev.kiroscim.it;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A fresh, empty PostgreSQL database for one server under test, dropped on {@link #close()}.
 *
 * <p>Each server gets its own database so migrations run from scratch and tests never see another run's rows.
 * Names look like {@code kiro_it_3f9a0c1d2e4b}: lower-case, so they need no quoting.
 */
public final class Postgres implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String databaseName;
    private boolean dropped;

    private Postgres(String databaseName) {
        this.databaseName = databaseName;
    }

    /** Creates {@code kiro_it_<random>}; call {@link ExternalComponent#requirePostgres()} first. */
    public static Postgres createFreshDatabase() {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = "kiro_it_" + HexFormat.of().formatHex(suffix);
        execute("CREATE DATABASE " + name);
        return new Postgres(name);
    }

    public String databaseName() {
        return databaseName;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + databaseName;
    }

    public String user() {
        return ExternalComponent.POSTGRES_USER;
    }

    /** Drops the database; {@code WITH (FORCE)} (PostgreSQL 13+) ends connections a killed server left behind. */
    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        try (Connection c = ExternalComponent.connectAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL statement failed: " + sql, e);
        }
    }
}
