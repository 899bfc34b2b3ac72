package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionLossTest {

    static Stream<Arguments> failures() {
        SQLException nextIsLoss = new SQLException("batch failed", "XX000");
        nextIsLoss.setNextException(new SQLException("I/O error", "08006"));
        return Stream.of(
                // description, failure, is it a lost database?
                Arguments.of(
                        "connection refused (pgjdbc)",
                        new SQLException("Connection to 127.0.0.1:5 refused", "08001"),
                        true),
                Arguments.of(
                        "I/O error on a pooled connection", new SQLException("An I/O error occurred", "08006"), true),
                Arguments.of(
                        "admin shutdown (pg_ctl stop -m fast)",
                        new SQLException("terminating connection", "57P01"),
                        true),
                Arguments.of("crash shutdown", new SQLException("crash", "57P02"), true),
                Arguments.of(
                        "database starting up", new SQLException("the database system is starting up", "57P03"), true),
                Arguments.of(
                        "pool time-out while the database is down (Hikari copies the state)",
                        new SQLTransientConnectionException("kiro-scim-db - Connection is not available", "08001"),
                        true),
                Arguments.of(
                        "wrapped twice, as Hibernate does",
                        new RuntimeException(
                                "Unable to acquire JDBC Connection",
                                new IllegalStateException(new SQLException("refused", "08001"))),
                        true),
                Arguments.of(
                        "socket refused before any SQLState",
                        new RuntimeException(new ConnectException("refused")),
                        true),
                Arguments.of("loss reported as the next exception", nextIsLoss, true),
                Arguments.of(
                        "pool time-out of an exhausted pool (no state)",
                        new SQLTransientConnectionException("kiro-scim-db - Connection is not available"),
                        false),
                Arguments.of("unique violation", new SQLException("duplicate key", "23505"), false),
                Arguments.of("deadlock", new SQLException("deadlock detected", "40P01"), false),
                Arguments.of(
                        "query cancelled (57014 is class 57 but not a lost server)",
                        new SQLException("canceling", "57014"),
                        false),
                Arguments.of("no SQL at all", new IllegalArgumentException("bad"), false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void tellsALostDatabaseFromOtherFailures(String description, Throwable failure, boolean lost) {
        assertThat(ConnectionLoss.isConnectionLoss(failure)).as(description).isEqualTo(lost);
    }
}
