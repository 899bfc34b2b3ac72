package dev.kiroscim.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One JDBC transaction on a pooled connection, for the stores that work beside the Hibernate session (cluster leases,
 * console sessions): commit when the work returns, roll back when it throws. A {@link SQLException} becomes an
 * {@link IllegalStateException} that names the store, so the core's ports never see {@code java.sql}. Example:
 * {@code new PooledTransaction(ds, "cluster store").run(c -> ...)} fails as {@code "cluster store: <driver message>"}.
 *
 * @param dataSource the pool
 * @param store the store's name in error messages
 */
record PooledTransaction(DataSource dataSource, String store) {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the pool hands out connections with auto-commit off; this makes sure of it
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(store + ": " + e.getMessage(), e);
        }
    }
}
