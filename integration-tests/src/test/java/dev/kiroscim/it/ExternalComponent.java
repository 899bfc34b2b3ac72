package dev.kiroscim.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a test does when a component outside the JVM (today: PostgreSQL) is missing.
 *
 * <p>On a developer machine a missing PostgreSQL should not turn the build red, so the tests that need it
 * are <em>skipped</em> with a message saying how to get them to run. On CI ({@code CI=true}) a skip would hide
 * that the PostgreSQL variant never ran, so there the same condition <em>fails</em> the test.
 */
public final class ExternalComponent {

    /** The PostgreSQL every machine of this project runs: user {@code postgres}, database {@code test}, trust auth. */
    public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private static volatile String postgresProblem; // null = not probed yet, "" = reachable

    private ExternalComponent() {}

    /** Skips (or on CI fails) the calling test unless PostgreSQL answers at 127.0.0.1:5432. */
    public static void requirePostgres() {
        String problem = postgresProblem;
        if (problem == null) {
            problem = probePostgres();
            postgresProblem = problem;
        }
        require("PostgreSQL at " + POSTGRES_ADMIN_URL + " (user " + POSTGRES_USER + ", trust auth)", problem);
    }

    /** Opens a connection to the admin database; short timeouts so a missing server costs seconds, not minutes. */
    static Connection connectAdmin() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", POSTGRES_USER);
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "3");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(POSTGRES_ADMIN_URL, props);
    }

    private static String probePostgres() {
        try (Connection c = connectAdmin()) {
            return c.isValid(3) ? "" : "connection is not valid";
        } catch (SQLException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void require(String component, String problem) {
        if (problem.isEmpty()) {
            return;
        }
        String message = component + " is not reachable (" + problem + ").";
        if (onCi()) {
            Assertions.fail(message + " CI=true, so tests that need it must run, not skip.");
        }
        Assumptions.abort(message + " Skipping; start it (or set CI=true to make this a failure).");
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
