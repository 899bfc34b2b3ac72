package dev.kiroscim.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes an H2 commit reach the database file before the server acknowledges it.
 *
 * <p>H2's MVStore commits in memory and leaves writing to its background writer, up to {@code WRITE_DELAY} (500 ms)
 * later: a process killed in that window loses transactions that were already answered 201 (issue 9 measured 68 of
 * 1,477 over three {@code kill -9} rounds). After every write transaction the server therefore runs
 * {@code CHECKPOINT}, which writes everything committed so far to the file ({@code MVStore.commit()}) before it
 * returns. All callers share one connection: a {@code CHECKPOINT} covers every transaction committed before it
 * started, so callers queued behind it find little or nothing left to write (a group commit).
 *
 * <p>Why not {@code WRITE_DELAY=0}, which also writes at each commit: it stops H2's background writer, and with it
 * the housekeeping that rewrites half-empty chunks and shrinks the file. Either way a commit writes its own chunk,
 * so the file grows with the sustained write rate (measured in docs/decisions.md).
 *
 * <p>The write reaches the operating system, not the disk: there is no fsync per commit, so a process crash loses
 * nothing, but an OS crash or power loss can lose the last seconds of commits (docs/decisions.md).
 */
final class H2CommitFlush implements AutoCloseable {

    private final Connection connection;

    H2CommitFlush(DatabaseConfig config) {
        try {
            this.connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 connection that writes commits to the file", e);
        }
    }

    /** Returns once every transaction committed before the call is in the database file (not necessarily on disk). */
    synchronized void flush() {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("a transaction committed, but writing it to the H2 file failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing the database anyway
        }
    }
}
