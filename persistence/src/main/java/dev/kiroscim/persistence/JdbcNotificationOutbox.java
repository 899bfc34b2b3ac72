package dev.kiroscim.persistence;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.notify.CloudEventFormat;
import dev.kiroscim.core.notify.Delivery;
import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.core.notify.NotificationDeadLetter;
import dev.kiroscim.core.notify.NotificationOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link NotificationOutbox} on plain JDBC through the session's connection. Claims lock due heads with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (replicas take disjoint subjects without waiting), plain
 * {@code FOR UPDATE} on H2 (one process). The audit event is read with the claim, so the worker needs no second query.
 */
final class JdbcNotificationOutbox implements NotificationOutbox {

    private static final int MAX_ERROR = 2000;

    private final Session session;
    private final boolean postgres;
    private final OutboxHeads claims;

    JdbcNotificationOutbox(Session session, boolean postgres) {
        this.session = session;
        this.postgres = postgres;
        this.claims =
                new OutboxHeads("notify_outbox", "h.endpoint = o.endpoint and h.subject_key = o.subject_key", postgres);
    }

    /** Queues one delivery per endpoint for an event being written; called by {@link JdbcAuditLog} before commit. */
    static void enqueue(Connection c, AuditEvent event, List<String> endpoints) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into notify_outbox (endpoint, audit_seq, subject_key,"
                        + " event_type, enqueued_at_ms, state, attempts, next_attempt_at_ms) values (?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
            long now = event.at().toEpochMilli(); // the change's time: due at once
            for (String endpoint : endpoints) {
                ps.setString(1, endpoint);
                ps.setLong(2, event.seq());
                ps.setString(3, truncate(CloudEventFormat.subject(event.subject()), 400));
                ps.setString(4, event.type());
                ps.setLong(5, now);
                ps.setLong(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<Delivery> claim(int max, Instant now, Duration lease, String workerId) {
        record Head(long id, String endpoint, long seq, long enqueuedAt, int attempts, long version) {}
        List<Head> heads = new ArrayList<>();
        List<Delivery> out = new ArrayList<>();
        session.doWork(c -> heads.addAll(claims.claim(
                c,
                max,
                now,
                lease,
                workerId,
                "o.endpoint, o.audit_seq, o.enqueued_at_ms, o.attempts",
                (rs, id, claimVersion) ->
                        new Head(id, rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getInt(6), claimVersion))));
        JdbcAuditLog audit = new JdbcAuditLog(session, postgres); // read only: no events written here
        for (Head h : heads) {
            List<AuditEvent> events = audit.after(h.seq() - 1, 1);
            AuditEvent event = events.isEmpty() || events.get(0).seq() != h.seq() ? null : events.get(0);
            out.add(new Delivery(
                    h.id(),
                    h.endpoint(),
                    h.seq(),
                    event,
                    Instant.ofEpochMilli(h.enqueuedAt()),
                    h.attempts(),
                    h.version()));
        }
        return out;
    }

    @Override
    public boolean delivered(long id, String workerId, long claimVersion) {
        return update(
                        "delete from notify_outbox where id = ? and state = 'PENDING' and lease_owner = ? and claim_version = ?",
                        id,
                        workerId,
                        claimVersion)
                == 1;
    }

    @Override
    public void retryLater(long id, int attempts, Instant nextAttemptAt, String error) {
        update(
                "update notify_outbox set attempts = ?, next_attempt_at_ms = ?, last_error = ?, lease_owner = null,"
                        + " lease_until_ms = null where id = ?",
                attempts,
                nextAttemptAt.toEpochMilli(),
                truncate(error, MAX_ERROR),
                id);
    }

    @Override
    public void deadLetter(long id, int attempts, String error, Instant at) {
        // the head and every later pending delivery of its (endpoint, subject): a retry then replays them in order
        update(
                "update notify_outbox set state = 'DEAD', attempts = ?, last_error = ?, failed_at_ms = ?, lease_owner = null,"
                        + " lease_until_ms = null where state = 'PENDING' and id >= ?"
                        + " and endpoint = (select endpoint from notify_outbox where id = ?)"
                        + " and subject_key = (select subject_key from notify_outbox where id = ?)",
                attempts,
                truncate(error, MAX_ERROR),
                at.toEpochMilli(),
                id,
                id,
                id);
    }

    @Override
    public int requeueDeadLetters(String endpoint, Instant now) {
        return endpoint == null
                ? update(
                        "update notify_outbox set state = 'PENDING', attempts = 0, next_attempt_at_ms = ? where state = 'DEAD'",
                        now.toEpochMilli())
                : update(
                        "update notify_outbox set state = 'PENDING', attempts = 0, next_attempt_at_ms = ? where state = 'DEAD'"
                                + " and endpoint = ?",
                        now.toEpochMilli(),
                        endpoint);
    }

    @Override
    public List<NotificationBacklog> backlog() {
        List<NotificationBacklog> out = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("select endpoint, sum(case when state = 'PENDING' then 1 else 0 end),"
                                    + " sum(case when state = 'DEAD' then 1 else 0 end), min(case when state = 'PENDING' then enqueued_at_ms end)"
                                    + " from notify_outbox group by endpoint order by endpoint");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oldest = rs.getLong(4);
                    Optional<Instant> oldestAt =
                            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest));
                    out.add(new NotificationBacklog(rs.getString(1), rs.getLong(2), rs.getLong(3), oldestAt));
                }
            }
        });
        return out;
    }

    @Override
    public List<NotificationDeadLetter> deadLetters(int limit) {
        List<NotificationDeadLetter> out = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, endpoint, audit_seq, event_type, subject_key, attempts,"
                            + " last_error, failed_at_ms from notify_outbox where state = 'DEAD' order by id limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NotificationDeadLetter(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getString(7),
                                Instant.ofEpochMilli(rs.getLong(8))));
                    }
                }
            }
        });
        return out;
    }

    private int update(String sql, Object... args) {
        int[] n = {0};
        session.doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                n[0] = ps.executeUpdate();
            }
        });
        return n[0];
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
