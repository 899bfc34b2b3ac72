package dev.kiroscim.core.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A fresh, empty PostgreSQL database for one test run, dropped on {@link #close()}, on the server every machine of
 * this project runs (127.0.0.1:5432, user {@code postgres}, database {@code test}, trust auth).
 *
 * <p>{@link #require()} applies the {@link ExternalComponent} rule: skip when PostgreSQL is absent, fail under
 * {@code CI=true}. Names look like {@code kiro_it_3f9a0c1d2e4b}: lower-case, so they need no quoting.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile String problem; // null = not probed yet, "" = reachable

    private final String databaseName;
    private boolean dropped;

    private TestPostgres(String databaseName) {
        this.databaseName = databaseName;
    }

    /** Skips (or on CI fails) the calling test unless PostgreSQL answers. */
    public static void require() {
        String p = problem;
        if (p == null) {
            p = probe();
            problem = p;
        }
        ExternalComponent.require(
                "PostgreSQL at " + ADMIN_URL + " (user " + USER + ", trust auth)",
                p.isEmpty(),
                p.isEmpty() ? "" : "start it (" + p + ")");
    }

    /** Creates {@code kiro_it_<random>}; call {@link #require()} first. */
    public static TestPostgres createFreshDatabase() {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = "kiro_it_" + HexFormat.of().formatHex(suffix);
        execute("CREATE DATABASE " + name);
        return new TestPostgres(name);
    }

    public String databaseName() {
        return databaseName;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + databaseName;
    }

    public String user() {
        return USER;
    }

    /** Drops the database; {@code WITH (FORCE)} (PostgreSQL 13+) ends connections a killed server left behind. */
    @Override
    public synchronized void close() {
        if (!dropped) {
            dropped = true;
            execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }

    /**
     * A missing server is refused at once, whatever the timeouts; they only matter when PostgreSQL is there but slow.
     * 3 s was too short on a loaded 2-core machine (load average 15): the first probe timed out, and every PostgreSQL
     * test of that JVM skipped (or, under {@code CI=true}, failed), so the login may take up to 15 s.
     */
    public static Connection connectAdmin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(ADMIN_URL, props);
    }

    private static String probe() {
        try (Connection c = connectAdmin()) {
            return c.isValid(15) ? "" : "connection is not valid";
        } catch (SQLException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void execute(String sql) {
        try (Connection c = connectAdmin();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL statement failed: " + sql, e);
        }
    }
}
