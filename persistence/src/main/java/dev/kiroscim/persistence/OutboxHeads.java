package dev.kiroscim.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims the heads of an outbox table's queues under a lease with a fencing version; the sync outbox
 * ({@code idc_outbox}, one queue per user) and the notification outbox ({@code notify_outbox}, one queue per endpoint
 * and subject) claim the same way, so the rule lives here once.
 *
 * <p>A head is the smallest PENDING id of its queue. The claim selects due, unleased heads in id order and locks them
 * ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so replicas take disjoint queues without waiting; plain
 * {@code FOR UPDATE} on H2, one process), then leases them to the worker and increments their {@code claim_version}.
 * A worker that stalls past its lease finds its version superseded when it tries to record a result.
 *
 * <p>Example: {@code new OutboxHeads("idc_outbox", "h.user_id = o.user_id", postgres)} claims one item per user.
 *
 * @param table the outbox table
 * @param sameQueue the condition that puts row {@code h} in the queue of row {@code o}
 * @param postgres whether to add {@code SKIP LOCKED}
 */
record OutboxHeads(String table, String sameQueue, boolean postgres) {

    /** Reads one claimed head; {@code columns} given to {@link #claim} start at index 3. */
    @FunctionalInterface
    interface HeadReader<T> {
        T read(ResultSet rs, long id, long claimVersion) throws SQLException;
    }

    /**
     * Claims up to {@code max} heads due at {@code now} for {@code lease}.
     *
     * @param columns the further columns of {@code o} to read, e.g. {@code "o.user_id, o.reason"}
     */
    <T> List<T> claim(
            Connection c, int max, Instant now, Duration lease, String workerId, String columns, HeadReader<T> reader)
            throws SQLException {
        String sql = "select o.id, o.claim_version, " + columns + " from " + table + " o"
                + " where o.state = 'PENDING' and o.next_attempt_at_ms <= ?"
                + " and (o.lease_until_ms is null or o.lease_until_ms < ?)"
                + " and o.id = (select min(h.id) from " + table + " h where " + sameQueue + " and h.state = 'PENDING')"
                + " order by o.id limit ? for update" + (postgres ? " skip locked" : "");
        List<T> heads = new ArrayList<>();
        List<long[]> fences = new ArrayList<>(); // {id, new claim version}
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long claimVersion = rs.getLong(2) + 1;
                    heads.add(reader.read(rs, id, claimVersion));
                    fences.add(new long[] {id, claimVersion});
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update " + table + " set lease_owner = ?, lease_until_ms = ?, claim_version = ? where id = ?")) {
            for (long[] fence : fences) {
                ps.setString(1, workerId);
                ps.setLong(2, now.plus(lease).toEpochMilli());
                ps.setLong(3, fence[1]);
                ps.setLong(4, fence[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return heads;
    }
}
