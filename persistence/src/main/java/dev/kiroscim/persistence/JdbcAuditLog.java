package dev.kiroscim.persistence;

import dev.kiroscim.core.audit.AuditCheckpoint;
import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditLog;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditQuery;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.CanonicalJson;
import dev.kiroscim.core.directory.events.ChangeContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;

/**
 * {@link AuditLog} on plain JDBC through the session's connection (same transaction as the entities).
 *
 * <p>Appends are queued and written by {@link #flushPending()}, which {@link Database} calls after the unit of
 * work and right before commit: it flushes Hibernate first (so constraint violations surface before we queue
 * behind other writers), then locks the single {@code audit_chain_head} row ({@code SELECT … FOR UPDATE}),
 * numbers and chains the queued events, inserts them and moves the head. The lock is held only from there to
 * commit; concurrent writers — on this or another replica — wait for it, so seq is gap-free and in commit order.
 */
final class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = "seq, at_ms, event_type, actor, subject_kind, subject_id, subject_name, "
            + "group_id, group_name, details, request_id, prev_hash, hash";

    private record Pending(ChangeContext context, AuditEntry entry) {
    }

    private final Session session;
    private final List<Pending> pending = new ArrayList<>();

    JdbcAuditLog(Session session) {
        this.session = session;
    }

    @Override
    public void append(ChangeContext context, AuditEntry entry) {
        pending.add(new Pending(context, entry));
    }

    /** Writes the queued events under the chain-head lock; a no-op when nothing was appended. */
    void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        session.flush();
        session.doWork(c -> {
            ChainHead head = lockHead(c);
            long seq = head.lastSeq();
            String previous = head.lastHash();
            try (PreparedStatement insert = c.prepareStatement("insert into audit_event (" + COLUMNS
                    + ", subject_name_ci, group_name_ci) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Pending p : pending) {
                    AuditEntry e = p.entry();
                    AuditEvent event = new AuditEvent(++seq, p.context().at(), e.type(), p.context().actor(), e.subject(),
                            e.group(), e.details(), p.context().requestId(), previous, null).chainedTo(previous);
                    bind(insert, event);
                    insert.addBatch();
                    previous = event.hash();
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
                update.setLong(1, seq);
                update.setString(2, previous);
                update.executeUpdate();
            }
        });
        pending.clear();
    }

    private ChainHead lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1 for update");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_chain_head row is missing: the audit schema was tampered with");
            }
            return new ChainHead(rs.getLong(1), rs.getString(2).trim());
        }
    }

    private static void bind(PreparedStatement s, AuditEvent e) throws SQLException {
        s.setLong(1, e.seq());
        s.setLong(2, e.at().toEpochMilli());
        s.setString(3, e.type());
        s.setString(4, e.actor());
        s.setString(5, e.subject().kind());
        s.setString(6, e.subject().id());
        s.setString(7, e.subject().name());
        s.setString(8, e.group() == null ? null : e.group().id());
        s.setString(9, e.group() == null ? null : e.group().name());
        s.setString(10, CanonicalJson.write(e.details()));
        s.setString(11, e.requestId());
        s.setString(12, e.previousHash());
        s.setString(13, e.hash());
        s.setString(14, lower(e.subject().name()));
        s.setString(15, e.group() == null ? null : lower(e.group().name()));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Override
    public AuditPage query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_event where seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.userId() != null) {
            sql.append(" and subject_id = ?");
            args.add(q.userId());
        }
        if (q.userName() != null) {
            sql.append(" and subject_name_ci = ?");
            args.add(lower(q.userName()));
        }
        if (q.group() != null) {
            sql.append(" and (group_id = ? or group_name_ci = ?)");
            args.add(q.group());
            args.add(lower(q.group()));
        }
        if (!q.types().isEmpty() && q.types().size() < AuditEvents.TYPES.size()) {
            sql.append(" and event_type in (").append("?,".repeat(q.types().size() - 1)).append("?)");
            args.addAll(q.types());
        }
        if (q.since() != null) {
            sql.append(" and at_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        if (q.until() != null) {
            sql.append(" and at_ms < ?");
            args.add(q.until().toEpochMilli());
        }
        sql.append(" order by seq fetch first ").append(q.limit() + 1).append(" rows only");
        List<AuditEvent> rows = select(sql.toString(), args);
        if (rows.size() <= q.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = rows.subList(0, q.limit());
        return new AuditPage(page, AuditQuery.cursorAfter(page.get(page.size() - 1).seq()));
    }

    @Override
    public List<AuditEvent> after(long afterSeq, int limit) {
        return select("select " + COLUMNS + " from audit_event where seq > ? order by seq fetch first " + limit + " rows only",
                List.of(afterSeq));
    }

    @Override
    public ChainHead head() {
        return session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChainHead(rs.getLong(1), rs.getString(2).trim()) : new ChainHead(-1, "");
            }
        });
    }

    @Override
    public Optional<AuditCheckpoint> checkpoint() {
        return session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select first_seq, anchor_hash, pruned_at from audit_checkpoint order by first_seq desc fetch first 1 rows only");
                 ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new AuditCheckpoint(rs.getLong(1), rs.getString(2).trim(), Instant.ofEpochMilli(rs.getLong(3))))
                        : Optional.<AuditCheckpoint>empty();
            }
        });
    }

    @Override
    public long prune(Instant cutoff) {
        return session.doReturningWork(c -> {
            ChainHead head = lockHead(c);
            long firstYoung;
            try (PreparedStatement s = c.prepareStatement("select min(seq) from audit_event where at_ms >= ?")) {
                s.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    firstYoung = rs.wasNull() ? head.lastSeq() + 1 : v;
                }
            }
            long lastPruned = Math.min(firstYoung - 1, head.lastSeq() - 1); // always keep the newest event
            long firstKept = checkpoint().map(AuditCheckpoint::firstSeq).orElse(1L);
            if (lastPruned < firstKept) {
                return 0L;
            }
            String anchor;
            try (PreparedStatement s = c.prepareStatement("select hash from audit_event where seq = ?")) {
                s.setLong(1, lastPruned);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("audit event " + lastPruned + " is missing; run 'audit verify'");
                    }
                    anchor = rs.getString(1).trim();
                }
            }
            long removed;
            try (PreparedStatement s = c.prepareStatement("delete from audit_event where seq <= ?")) {
                s.setLong(1, lastPruned);
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into audit_checkpoint (first_seq, anchor_hash, pruned_at) values (?,?,?)")) {
                s.setLong(1, lastPruned + 1);
                s.setString(2, anchor);
                s.setLong(3, System.currentTimeMillis());
                s.executeUpdate();
            }
            return removed;
        });
    }

    private List<AuditEvent> select(String sql, List<Object> args) {
        return session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    List<AuditEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        String groupId = rs.getString(8);
        return new AuditEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                new AuditSubject(rs.getString(5), rs.getString(6), rs.getString(7)),
                groupId == null ? null : AuditSubject.group(groupId, rs.getString(9)),
                CanonicalJson.parseObject(rs.getString(10)), rs.getString(11), rs.getString(12).trim(), rs.getString(13).trim());
    }
}
