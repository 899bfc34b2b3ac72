package dev.kiroscim.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes an H2 commit reach the database file before the server acknowledges it.
 *
 * <p>H2's MVStore commits in memory and leaves writing to its background writer, up to {@code WRITE_DELAY} (500 ms)
 * later: a process killed in that window loses transactions that were already answered 201 (issue 9 measured 68 of
 * 1,477 over three {@code kill -9} rounds). After every write transaction the server therefore runs
 * {@code CHECKPOINT}, which writes everything committed so far to the file ({@code MVStore.commit()}) before it
 * returns. All callers share one connection: a {@code CHECKPOINT} covers every transaction committed before it
 * started, so a caller that was queued behind a {@code CHECKPOINT} which began after its own commit returned is
 * already covered and returns without running another one (a group commit): with 16 concurrent writers, one
 * {@code CHECKPOINT} typically covers several transactions. Each caller takes a ticket after its commit; a
 * {@code CHECKPOINT} covers every ticket issued before it started.
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
    /** Tickets handed out so far, one per committed write transaction (see {@link #flush()}). */
    private final AtomicLong issued = new AtomicLong();
    /** Every ticket up to this one is in the file; guarded by {@code this}. */
    private long flushedThrough;

    H2CommitFlush(DatabaseConfig config) {
        try {
            this.connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 connection that writes commits to the file", e);
        }
    }

    /** Returns once every transaction committed before the call is in the database file (not necessarily on disk). */
    void flush() {
        long ticket = issued.incrementAndGet(); // after the caller's commit returned
        synchronized (this) {
            if (flushedThrough >= ticket) {
                return; // a CHECKPOINT that started after our commit has finished
            }
            long covers = issued.get(); // each of these tickets was taken after its transaction committed
            try (Statement s = connection.createStatement()) {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException("a transaction committed, but writing it to the H2 file failed", e);
            }
            flushedThrough = covers;
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
