package dev.kiroscim.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the server's PostgreSQL sessions are doing during a run: {@code pg_stat_activity} sampled every 20 ms, each
 * session of the database counted by state and wait event ({@code active CPU} = running, {@code active
 * Lock:transactionid} = waiting for another transaction's row lock, {@code active IO:WALSync} = commit flush,
 * {@code idle in transaction Client:ClientRead} = waiting for the server's next statement, {@code idle} = in
 * the pool). It tells where the time of a slow request goes: a lock, the disk, or a server starved of CPU.
 */
final class PgWaits implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement sample;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int samples;

    PgWaits(String jdbcUrl, String user, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        connection = DriverManager.getConnection(jdbcUrl, props);
        connection.setAutoCommit(true);
        sample = connection.prepareStatement(
                "select state, coalesce(wait_event_type || ':' || wait_event, 'CPU')"
                        + " from pg_stat_activity where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend'");
        sample.setString(1, database);
        sampler = new Thread(this::run, "pg-waits");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running) {
            try (ResultSet rs = sample.executeQuery()) {
                synchronized (counts) {
                    samples++;
                    while (rs.next()) {
                        String state = rs.getString(1);
                        counts.merge(state + (state.equals("idle") ? "" : " " + rs.getString(2)), 1, Integer::sum);
                    }
                }
                Thread.sleep(20);
            } catch (SQLException | InterruptedException e) {
                return;
            }
        }
    }

    /** Average sessions in each state per sample, largest first, e.g. {@code active CPU 3.1; idle 5.2}. */
    String summary() {
        synchronized (counts) {
            int n = Math.max(1, samples);
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(5)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / (double) n))
                    .collect(Collectors.joining("; "));
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.join(2000);
        connection.close();
    }
}
