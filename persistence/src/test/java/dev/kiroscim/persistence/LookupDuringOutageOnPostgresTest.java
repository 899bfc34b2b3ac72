package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.StoreUnavailable;
import dev.kiroscim.core.testsupport.TestPostgres;
import dev.kiroscim.core.transaction.Directory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row lookup whose connection dies is an outage (503), never a missing row (404). Hibernate's {@code find} returns
 * null instead of throwing when the JDBC error has marked the transaction rollback-only (HHH-12472); PostgresOutageTest
 * saw {@code PATCH /Groups/{id}} answer 404 for an existing group at the moment PostgreSQL stopped. Here the backend
 * serving the transaction is terminated just before the lookup, as a PostgreSQL stop does.
 */
class LookupDuringOutageOnPostgresTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private TestDatabase database;
    private Database db;

    @BeforeEach
    void open() {
        database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, "lookupoutage");
        db = Database.open(database.config());
        db.write(tx -> {
            tx.groups().insert(new GroupRecord("g-1", "Kiro-Outage", null, "{}", 1, T0, T0));
            return null;
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static Stream<Arguments> lookups() {
        return Stream.of(
                Arguments.of(
                        "find", (Function<Directory, Object>) tx -> tx.groups().find("g-1")),
                Arguments.of("findForUpdate", (Function<Directory, Object>)
                        tx -> tx.groups().findForUpdate("g-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookups")
    void aLookupOnAConnectionThatDied_isAnOutage_notAMissingRow(String name, Function<Directory, Object> lookup) {
        assertThatThrownBy(() -> db.write(tx -> {
                    terminateTheServersBackends();
                    return lookup.apply(tx);
                }))
                .isInstanceOf(StoreUnavailable.class);

        // Read on a connection of its own: the pool's other connections were terminated too, and Hikari hands a
        // recently
        // used one out without testing it.
        assertThat(groupsNamed("g-1")).as("the group is still there").isEqualTo(1);
    }

    private int groupsNamed(String id) {
        try (Connection c = java.sql.DriverManager.getConnection(
                        database.config().jdbcUrl(), database.config().user(), null);
                PreparedStatement count = c.prepareStatement("select count(*) from scim_group where id = ?")) {
            count.setString(1, id);
            try (java.sql.ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends every backend of the test database but the admin one, as {@code pg_ctl stop -m fast} would, and waits until
     * they are gone ({@code pg_terminate_backend} only signals them).
     */
    private void terminateTheServersBackends() {
        String url = database.config().jdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection admin = TestPostgres.connectAdmin();
                PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = ? and pid <> pg_backend_pid()");
                PreparedStatement left = admin.prepareStatement(
                        "select count(*) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            kill.setString(1, name);
            kill.executeQuery().close();
            left.setString(1, name);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (java.sql.ResultSet rs = left.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("backends of " + name + " still alive 10 s after termination");
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
