package dev.kiroscim.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells "the database cannot be reached" apart from every other failure, from the exception a transaction or a
 * connection attempt ended with: an SQLState of class 08 (connection exception: refused, broken, I/O error), or
 * PostgreSQL's 57P01 (admin shutdown, e.g. {@code pg_ctl stop -m fast} or an RDS reboot), 57P02 (crash shutdown) and
 * 57P03 (cannot connect now: starting up, shutting down, in recovery). HikariCP copies the SQLState of the last
 * failed connection attempt into its pool time-out exception, so a time-out while the database is down is a loss,
 * and a time-out of a merely exhausted pool (no SQLState) is not.
 */
final class ConnectionLoss {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 32; // cause chains can loop; never walk forever

    private ConnectionLoss() {}

    static boolean isConnectionLoss(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                int next = 0;
                for (SQLException s = sql; s != null && next < MAX_DEPTH; s = s.getNextException(), next++) {
                    if (isLossState(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isLossState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
    }
}
