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
import dev.kiroscim.core.notify.NotificationRouting;
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
public final class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = "seq, at_ms, event_type, actor, subject_kind, subject_id, subject_name, "
            + "group_id, group_name, details, request_id, prev_hash, hash";

    private record Pending(ChangeContext context, AuditEntry entry) {}

    private final Session session;
    private final boolean postgres;
    private final NotificationRouting routing;
    private final List<Pending> pending = new ArrayList<>();

    JdbcAuditLog(Session session, boolean postgres) {
        this(session, postgres, NotificationRouting.NONE);
    }

    /** @param routing the webhook endpoints: each event written is queued for those that select its type */
    JdbcAuditLog(Session session, boolean postgres, NotificationRouting routing) {
        this.session = session;
        this.postgres = postgres;
        this.routing = routing;
    }

    @Override
    public void append(ChangeContext context, AuditEntry entry) {
        pending.add(new Pending(context, entry));
    }

    /**
     * Writes the queued events under the chain-head lock; a no-op when nothing was appended. With events, it first
     * takes {@code localTurn} (this replica's writers queue there for the chain head, see {@link Database}); the
     * caller releases it once the transaction has ended.
     */
    void flushPending(java.util.concurrent.locks.Lock localTurn) {
        if (pending.isEmpty()) {
            return;
        }
        session.flush(); // before the turn: this may wait for row locks another local writer holds
        localTurn.lock();
        session.doWork(c -> {
            ChainHead head = lockHead(c);
            long seq = head.lastSeq();
            String previous = head.lastHash();
            List<AuditEvent> events = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                AuditEntry e = p.entry();
                AuditEvent event = new AuditEvent(
                                ++seq,
                                p.context().at(),
                                e.type(),
                                p.context().actor(),
                                e.subject(),
                                e.group(),
                                e.details(),
                                p.context().requestId(),
                                previous,
                                null)
                        .chainedTo(previous);
                events.add(event);
                previous = event.hash();
            }
            if (postgres && events.size() <= MAX_EVENTS_IN_ONE_STATEMENT) {
                insertAndMoveHead(c, events, seq, previous);
            } else {
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (AuditEvent event : events) {
                        bind(insert, 0, event);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement update =
                        c.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
                    update.setLong(1, seq);
                    update.setString(2, previous);
                    update.executeUpdate();
                }
            }
            for (AuditEvent event : events) {
                List<String> endpoints = routing.endpointsFor(event.type());
                if (!endpoints.isEmpty()) {
                    JdbcNotificationOutbox.enqueue(
                            c, event, endpoints); // same transaction: no event without its deliveries
                }
            }
        });
        pending.clear();
    }

    /** 15 parameters an event: far below PostgreSQL's 32,767 bind parameters a statement. */
    private static final int MAX_EVENTS_IN_ONE_STATEMENT = 64;

    /**
     * PostgreSQL: the events' insert and the head's move in one statement (a data-modifying {@code WITH}, which
     * PostgreSQL runs to completion whether or not the outer statement reads it), so the chain head, which every
     * writer of the cluster waits for, is held for one round trip fewer. H2 has no data-modifying {@code WITH}.
     */
    private static void insertAndMoveHead(Connection c, List<AuditEvent> events, long lastSeq, String lastHash)
            throws SQLException {
        StringBuilder sql = new StringBuilder("with appended as (").append(INSERT);
        for (int i = 1; i < events.size(); i++) {
            sql.append(",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        sql.append(") update audit_chain_head set last_seq = ?, last_hash = ? where id = 1");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int offset = 0;
            for (AuditEvent event : events) {
                bind(s, offset, event);
                offset += PARAMETERS;
            }
            s.setLong(offset + 1, lastSeq);
            s.setString(offset + 2, lastHash);
            s.executeUpdate();
        }
    }

    private ChainHead lockHead(Connection c) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1 for update");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("audit_chain_head row is missing: the audit schema was tampered with");
            }
            return new ChainHead(rs.getLong(1), rs.getString(2).trim());
        }
    }

    /** The row insert, with {@link #bind} filling its parameters; the benchmark's bulk filler uses both too. */
    public static final String INSERT = "insert into audit_event (" + COLUMNS
            + ", subject_name_ci, group_name_ci) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    public static void bind(PreparedStatement s, AuditEvent e) throws SQLException {
        bind(s, 0, e);
    }

    /** Parameters {@link #bind} fills for one event. */
    private static final int PARAMETERS = 15;

    private static void bind(PreparedStatement s, int offset, AuditEvent e) throws SQLException {
        s.setLong(offset + 1, e.seq());
        s.setLong(offset + 2, e.at().toEpochMilli());
        s.setString(offset + 3, e.type());
        s.setString(offset + 4, e.actor());
        s.setString(offset + 5, e.subject().kind());
        s.setString(offset + 6, e.subject().id());
        s.setString(offset + 7, e.subject().name());
        s.setString(offset + 8, e.group() == null ? null : e.group().id());
        s.setString(offset + 9, e.group() == null ? null : e.group().name());
        s.setString(offset + 10, CanonicalJson.write(e.details()));
        s.setString(offset + 11, e.requestId());
        s.setString(offset + 12, e.previousHash());
        s.setString(offset + 13, e.hash());
        s.setString(offset + 14, lower(e.subject().name()));
        s.setString(offset + 15, e.group() == null ? null : lower(e.group().name()));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** One keyset branch of a query: a WHERE clause (after {@code seq > ?}) and its arguments. */
    private record Branch(String where, List<Object> args) {
        Branch and(String clause, Object... more) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            return new Branch(where + " and " + clause, all);
        }
    }

    /**
     * Pages with a keyset cursor ({@code seq > cursor order by seq}). Every equality filter has an index
     * {@code (column, seq)}, from which the first {@code limit + 1} rows can be read in seq order without sorting.
     * An OR ({@code ?group=} matches the id or the name) or an IN ({@code ?type=seat.} is five types) defeats that:
     * H2 then scans the whole log by seq and filters, or collects every matching row and sorts it (185,000 rows for
     * {@code seat.} at a million events). So such a query is split into one branch per alternative
     * ({@code group_id = ?} / {@code group_name_ci = ?} × {@code event_type = ?} for each type), each branch reads
     * at most {@code limit + 1} seqs off its own index, the union's first {@code limit + 1} distinct seqs (an event can match both the group id and its name) are the page, and
     * only those rows are loaded.
     */
    @Override
    public AuditPage query(AuditQuery q) {
        Branch common = new Branch("seq > ?", List.of(q.afterSeq()));
        if (q.userId() != null) {
            common = common.and("subject_id = ?", q.userId());
        }
        if (q.userName() != null) {
            common = common.and("subject_name_ci = ?", lower(q.userName()));
        }
        if (q.since() != null || q.until() != null) {
            Branch window = new Branch("1 = 1", List.of());
            if (q.since() != null) {
                window = window.and("at_ms >= ?", q.since().toEpochMilli());
            }
            if (q.until() != null) {
                window = window.and("at_ms < ?", q.until().toEpochMilli());
            }
            // seq follows commit order and at the change time, so they are only nearly in step: a time filter alone
            // makes H2 walk the log by seq from the cursor to the window (850 ms for an hour at a million events).
            // The window's exact seq bounds, read off ix_audit_at (at_ms, seq) without touching rows, narrow that walk
            // (and any (column, seq) index range) to the window itself.
            long[] bounds = seqBounds(window);
            if (bounds == null) {
                return new AuditPage(List.of(), null);
            }
            common = common.and(
                            window.where().substring("1 = 1 and ".length()),
                            window.args().toArray())
                    .and("seq between ? and ?", bounds[0], bounds[1]);
        }
        List<Branch> branches = new ArrayList<>(List.of(common));
        if (q.group() != null) {
            branches =
                    List.of(common.and("group_id = ?", q.group()), common.and("group_name_ci = ?", lower(q.group())));
        }
        if (!q.types().isEmpty() && q.types().size() < AuditEvents.TYPES.size()) {
            List<Branch> byType = new ArrayList<>();
            for (Branch b : branches) {
                for (String type : q.types()) {
                    byType.add(b.and("event_type = ?", type));
                }
            }
            branches = byType;
        }
        String firstRows = " order by seq fetch first " + (q.limit() + 1) + " rows only";
        List<AuditEvent> rows;
        if (branches.size() == 1) {
            rows = select(
                    "select " + COLUMNS + " from audit_event where "
                            + branches.get(0).where() + firstRows,
                    branches.get(0).args());
        } else {
            StringBuilder union = new StringBuilder("select seq from (");
            List<Object> args = new ArrayList<>();
            for (Branch b : branches) {
                union.append(args.isEmpty() ? "" : " union ")
                        .append("(select seq from audit_event where ")
                        .append(b.where())
                        .append(firstRows)
                        .append(')');
                args.addAll(b.args());
            }
            union.append(") page").append(firstRows);
            List<Object> seqs = selectSeqs(union.toString(), args);
            rows = seqs.isEmpty()
                    ? List.of()
                    : select(
                            "select " + COLUMNS + " from audit_event where seq in (" + "?,".repeat(seqs.size() - 1)
                                    + "?) order by seq",
                            seqs);
        }
        if (rows.size() <= q.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = rows.subList(0, q.limit());
        return new AuditPage(
                page, AuditQuery.cursorAfter(page.get(page.size() - 1).seq()));
    }

    /** The smallest and largest seq of the events in a time window, or null if it holds none. */
    private long[] seqBounds(Branch window) {
        return session.doReturningWork(c -> {
            // "seq + 0": a bare min(seq) lets PostgreSQL walk the primary key in seq order until the first row in the
            // window (half the log for a window mid-way; 156 ms at a million events), as if matches were spread evenly.
            try (PreparedStatement s =
                    c.prepareStatement("select min(seq + 0), max(seq + 0) from audit_event where " + window.where())) {
                for (int i = 0; i < window.args().size(); i++) {
                    s.setObject(i + 1, window.args().get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long min = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
                }
            }
        });
    }

    private List<Object> selectSeqs(String sql, List<Object> args) {
        return session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    List<Object> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<AuditEvent> after(long afterSeq, int limit) {
        return select(
                "select " + COLUMNS + " from audit_event where seq > ? order by seq fetch first " + limit
                        + " rows only",
                List.of(afterSeq));
    }

    @Override
    public ChainHead head() {
        return session.doReturningWork(c -> {
            try (PreparedStatement s =
                            c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1");
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
                        ? Optional.of(new AuditCheckpoint(
                                rs.getLong(1), rs.getString(2).trim(), Instant.ofEpochMilli(rs.getLong(3))))
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
                        throw new IllegalStateException(
                                "audit event " + lastPruned + " is missing; run 'audit verify'");
                    }
                    anchor = rs.getString(1).trim();
                }
            }
            long removed;
            try (PreparedStatement s = c.prepareStatement("delete from audit_event where seq <= ?")) {
                s.setLong(1, lastPruned);
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into audit_checkpoint (first_seq, anchor_hash, pruned_at) values (?,?,?)")) {
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
        return new AuditEvent(
                rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                new AuditSubject(rs.getString(5), rs.getString(6), rs.getString(7)),
                groupId == null ? null : AuditSubject.group(groupId, rs.getString(9)),
                CanonicalJson.parseObject(rs.getString(10)),
                rs.getString(11),
                rs.getString(12).trim(),
                rs.getString(13).trim());
    }
}
