package dev.kiroscim.persistence;

import dev.kiroscim.core.cluster.ClusterStore;
import dev.kiroscim.core.cluster.ReplicaState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * {@link ClusterStore} on plain JDBC, each method one short transaction on a pooled connection of its own (never
 * inside a SCIM request's transaction). The same SQL runs on H2 and PostgreSQL: conditional updates decide races
 * (a lease changes holder only where {@code holder = me or until_ms < now}), row locks serialise the rate schedule.
 */
public final class JdbcClusterStore implements ClusterStore {

    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final int MAX_JOBS = 1024;

    private final PooledTransaction transaction;

    public JdbcClusterStore(DataSource dataSource) {
        this.transaction = new PooledTransaction(dataSource, "cluster store");
    }

    /** The store of an open {@link Database}. */
    public static JdbcClusterStore of(Database database) {
        return new JdbcClusterStore(database.dataSource());
    }

    @Override
    public void heartbeat(ReplicaState s) {
        transaction.run(c -> {
            String jobs = String.join(",", s.jobs());
            jobs = jobs.length() > MAX_JOBS ? jobs.substring(0, MAX_JOBS) : jobs;
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "update cluster_replica set host = ?, started_at_ms = ?,"
                            + " heartbeat_at_ms = ?, policy_sha256 = ?, file_policy_sha256 = ?, jobs = ? where replica_id = ?")) {
                bindRow(ps, s, jobs);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into cluster_replica (host, started_at_ms,"
                                + " heartbeat_at_ms, policy_sha256, file_policy_sha256, jobs, replica_id) values (?, ?, ?, ?, ?, ?, ?)")) {
                    bindRow(ps, s, jobs);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from cluster_replica where heartbeat_at_ms < ?")) {
                ps.setLong(1, s.heartbeatAt().minus(FORGET_AFTER).toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void bindRow(PreparedStatement ps, ReplicaState s, String jobs) throws SQLException {
        ps.setString(1, s.host());
        ps.setLong(2, s.startedAt().toEpochMilli());
        ps.setLong(3, s.heartbeatAt().toEpochMilli());
        ps.setString(4, s.policySha256());
        ps.setString(5, s.filePolicySha256());
        ps.setString(6, jobs);
        ps.setString(7, s.replicaId());
    }

    @Override
    public void deregister(String replicaId) {
        transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from cluster_replica where replica_id = ?")) {
                ps.setString(1, replicaId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ReplicaState> replicas() {
        return transaction.run(c -> {
            List<ReplicaState> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                            "select replica_id, host, started_at_ms, heartbeat_at_ms,"
                                    + " policy_sha256, file_policy_sha256, jobs from cluster_replica order by started_at_ms, replica_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String jobs = rs.getString(7);
                    out.add(new ReplicaState(
                            rs.getString(1),
                            rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            rs.getString(5),
                            rs.getString(6),
                            jobs.isEmpty() ? List.of() : Arrays.asList(jobs.split(","))));
                }
            }
            return out;
        });
    }

    @Override
    public OptionalLong acquireLease(String name, String holder, Instant now, Duration ttl, boolean force) {
        long until = now.plus(ttl).toEpochMilli();
        OptionalLong taken = transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("update cluster_lease set until_ms = ?,"
                    + " fence = case when holder = ? then fence else fence + 1 end, holder = ?"
                    + " where name = ? and (holder = ? or until_ms < ? or ?)")) {
                ps.setLong(1, until);
                ps.setString(2, holder);
                ps.setString(3, holder);
                ps.setString(4, name);
                ps.setString(5, holder);
                ps.setLong(6, now.toEpochMilli());
                ps.setBoolean(7, force);
                if (ps.executeUpdate() == 1) {
                    return OptionalLong.of(fence(c, name));
                }
            }
            if (exists(c, name)) {
                return OptionalLong.empty();
            }
            return null; // no row yet: insert it in a transaction of its own (a race loser's insert fails)
        });
        if (taken != null) {
            return taken;
        }
        try {
            return transaction.run(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into cluster_lease (name, holder, until_ms, fence) values (?, ?, ?, 1)")) {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                    ps.setLong(3, until);
                    ps.executeUpdate();
                }
                return OptionalLong.of(1);
            });
        } catch (IllegalStateException raceLost) {
            return OptionalLong.empty(); // another replica inserted it first; the next heartbeat tries again
        }
    }

    private static long fence(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select fence from cluster_lease where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from cluster_lease where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void releaseLeases(String holder) {
        transaction.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("update cluster_lease set until_ms = 0 where holder = ?")) {
                ps.setString(1, holder);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long reserveCalls(String name, int calls, long nowMillis, double intervalMillis) {
        long span = (long) Math.ceil(calls * intervalMillis);
        Long first = transaction.run(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("select next_slot_ms from cluster_rate_schedule where name = ? for update")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    long start = Math.max(nowMillis, rs.getLong(1));
                    try (PreparedStatement up =
                            c.prepareStatement("update cluster_rate_schedule set next_slot_ms = ? where name = ?")) {
                        up.setLong(1, start + span);
                        up.setString(2, name);
                        up.executeUpdate();
                    }
                    return start;
                }
            }
        });
        if (first != null) {
            return first;
        }
        try {
            transaction.run(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("insert into cluster_rate_schedule (name, next_slot_ms) values (?, ?)")) {
                    ps.setString(1, name);
                    ps.setLong(2, nowMillis);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (IllegalStateException raceLost) {
            // another replica created the schedule first: fine
        }
        return reserveCalls(name, calls, nowMillis, intervalMillis);
    }
}
