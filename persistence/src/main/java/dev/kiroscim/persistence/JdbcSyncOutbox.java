package dev.kiroscim.persistence;

import dev.kiroscim.core.sync.state.DeadLetter;
import dev.kiroscim.core.sync.state.OutboxItem;
import dev.kiroscim.core.sync.state.OutboxStats;
import dev.kiroscim.core.sync.state.SyncOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link SyncOutbox} on plain JDBC through the session's connection, so an enqueue joins the SCIM transaction.
 *
 * <p>Claiming ({@link OutboxHeads}): a user's head is their smallest PENDING id; a claim leases it and increments its
 * {@code claim_version}. A worker that dies leaves a lease that simply expires; one that stalls and resumes finds
 * its version superseded ({@link #renewClaim}).
 */
final class JdbcSyncOutbox implements SyncOutbox {

    private static final int MAX_ERROR = 4000;

    private final Session session;
    private final OutboxHeads heads;

    JdbcSyncOutbox(Session session, boolean postgres) {
        this.session = session;
        this.heads = new OutboxHeads("idc_outbox", "h.user_id = o.user_id", postgres);
    }

    @Override
    public void enqueueUser(String userId, String reason, Instant at) {
        long now = at.toEpochMilli();
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into idc_outbox (user_id, reason, enqueued_at_ms, "
                    + "state, attempts, next_attempt_at_ms) values (?, ?, ?, 'PENDING', 0, ?)")) {
                ps.setString(1, userId);
                ps.setString(2, truncate(reason, 128));
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public List<OutboxItem> claim(int max, Instant now, Duration lease, String workerId) {
        List<OutboxItem> items = new ArrayList<>();
        session.doWork(c -> items.addAll(heads.claim(
                c,
                max,
                now,
                lease,
                workerId,
                "o.user_id, o.reason, o.enqueued_at_ms, o.attempts",
                (rs, id, claimVersion) -> new OutboxItem(
                        id,
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getInt(6),
                        claimVersion))));
        return items;
    }

    @Override
    public boolean renewClaim(long itemId, String workerId, long claimVersion, Instant leaseUntil) {
        int[] n = {0};
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update idc_outbox set lease_until_ms = ? where id = ?"
                    + " and state = 'PENDING' and lease_owner = ? and claim_version = ?")) {
                ps.setLong(1, leaseUntil.toEpochMilli());
                ps.setLong(2, itemId);
                ps.setString(3, workerId);
                ps.setLong(4, claimVersion);
                n[0] = ps.executeUpdate();
            }
            if (n[0] == 1) {
                // the rest of this worker's batch waits behind the rate limit: keep those claims alive too
                try (PreparedStatement ps = c.prepareStatement("update idc_outbox set lease_until_ms = ?"
                        + " where lease_owner = ? and state = 'PENDING' and id <> ?")) {
                    ps.setLong(1, leaseUntil.toEpochMilli());
                    ps.setString(2, workerId);
                    ps.setLong(3, itemId);
                    ps.executeUpdate();
                }
            }
        });
        return n[0] == 1;
    }

    @Override
    public List<Long> pendingIdsOf(String userId) {
        List<Long> ids = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from idc_outbox where user_id = ? and state = 'PENDING' order by id")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        });
        return ids;
    }

    @Override
    public void complete(Collection<Long> itemIds) {
        if (itemIds.isEmpty()) {
            return;
        }
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from idc_outbox where id = ?")) {
                for (long id : itemIds) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void retryLater(long itemId, int attempts, Instant nextAttemptAt, String error) {
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update idc_outbox set attempts = ?, next_attempt_at_ms = ?,"
                    + " last_error = ?, lease_owner = null, lease_until_ms = null where id = ?")) {
                ps.setInt(1, attempts);
                ps.setLong(2, nextAttemptAt.toEpochMilli());
                ps.setString(3, truncate(error, MAX_ERROR));
                ps.setLong(4, itemId);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public void deadLetter(String userId, int attempts, String error, Instant at) {
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update idc_outbox set state = 'DEAD', attempts = ?,"
                    + " last_error = ?, failed_at_ms = ?, lease_owner = null, lease_until_ms = null"
                    + " where user_id = ? and state = 'PENDING'")) {
                ps.setInt(1, attempts);
                ps.setString(2, truncate(error, MAX_ERROR));
                ps.setLong(3, at.toEpochMilli());
                ps.setString(4, userId);
                ps.executeUpdate();
            }
        });
    }

    @Override
    public int requeueDeadLetters(Instant now) {
        int[] n = {0};
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("update idc_outbox set state = 'PENDING', attempts = 0,"
                    + " next_attempt_at_ms = ? where state = 'DEAD'")) {
                ps.setLong(1, now.toEpochMilli());
                n[0] = ps.executeUpdate();
            }
        });
        return n[0];
    }

    @Override
    public OutboxStats stats() {
        long[] counts = new long[3];
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select sum(case when state = 'PENDING' then 1 else 0 end),"
                            + " sum(case when state = 'DEAD' then 1 else 0 end),"
                            + " min(case when state = 'PENDING' then enqueued_at_ms end) from idc_outbox");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts[0] = rs.getLong(1);
                counts[1] = rs.getLong(2);
                long oldest = rs.getLong(3);
                counts[2] = rs.wasNull() ? -1 : oldest;
            }
        });
        return new OutboxStats(
                counts[0], counts[1], counts[2] < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(counts[2])));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        List<DeadLetter> out = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("select user_id, reason, enqueued_at_ms, attempts, last_error,"
                            + " failed_at_ms from idc_outbox where state = 'DEAD' order by id limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeadLetter(
                                rs.getString(1),
                                rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                rs.getInt(4),
                                rs.getString(5),
                                Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
            }
        });
        return out;
    }

    @Override
    public int discardPending() {
        int[] n = {0};
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from idc_outbox where state = 'PENDING'")) {
                n[0] = ps.executeUpdate();
            }
        });
        return n[0];
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
