package dev.kiroscim.persistence;

import dev.kiroscim.core.policy.Pool;
import dev.kiroscim.core.seats.BudgetScope;
import dev.kiroscim.core.seats.MonthCharge;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatStore;
import dev.kiroscim.core.seats.StoredPolicy;
import dev.kiroscim.core.seats.Waiter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * {@link SeatStore} in SQL, on the session's connection (same transaction as the SCIM change that triggers it).
 *
 * <p>A pool names SCIM groups by displayName (case-insensitive) or externalId (case-insensitive too, like
 * {@code Pool.matchesGroup}); each store resolves a pool to its group ids once and keeps them for the transaction.
 * "Joined the pool" is the earliest {@code scim_membership.added_at} among those groups. Every query is bounded by
 * a pool, a user, a count or a limit, and uses an index: e.g. {@link #firstWaiting} is
 * <pre>
 * select m.user_id, min(m.added_at) from scim_membership m join scim_user u on u.id = m.user_id
 *   left join seat s on s.user_id = m.user_id
 *  where m.group_id in (:groups) and u.active
 *    and not exists (select 1 from seat_expiry e where e.user_id = m.user_id and e.group_id in (:groups))
 *    and (s.user_id is null or s.tier in (:lower))
 *  group by m.user_id order by 2, 1 limit :n
 * </pre>
 * User ids are compared as plain strings: PostgreSQL databases for the bridge use the {@code C} collation, or ids
 * that are UUIDs, for which every collation agrees with Java's {@code String.compareTo}.
 */
final class SqlSeatStore implements SeatStore {

    private static final String SEAT_COLUMNS = "user_id, pool, tier, assigned_at, expires_at";

    private final Session session;
    private final Map<String, List<String>> groupsByPool = new HashMap<>();
    private boolean flushed;
    /**
     * {@code applied_policy_sha256} as read with the allocation lock, or null before it is held. While this
     * transaction holds the row locked nobody else can change it, so {@link #appliedPolicySha256()} (which every
     * allocation step calls right after the lock) answers from here instead of a second query.
     */
    private String appliedUnderLock;

    SqlSeatStore(Session session) {
        this.session = session;
    }

    @Override
    public Instant lockForAllocation(Instant proposed) {
        String[] applied = new String[1];
        long last = query(
                "select last_step_at, applied_policy_sha256 from seat_allocation_lock where id = 1 for update",
                List.of(),
                rs -> {
                    if (!rs.next()) {
                        return 0L;
                    }
                    applied[0] = rs.getString(2) == null ? "" : rs.getString(2);
                    return rs.getLong(1);
                });
        appliedUnderLock = applied[0];
        long step = Math.max(proposed.toEpochMilli(), last + 1);
        update("update seat_allocation_lock set last_step_at = ? where id = 1", List.of(step));
        return Instant.ofEpochMilli(step);
    }

    @Override
    public String appliedPolicySha256() {
        if (appliedUnderLock != null) {
            return appliedUnderLock;
        }
        return query(
                "select applied_policy_sha256 from seat_allocation_lock where id = 1",
                List.of(),
                rs -> rs.next() ? rs.getString(1) : "");
    }

    @Override
    public void recordAppliedPolicy(String contentSha256) {
        update("update seat_allocation_lock set applied_policy_sha256 = ? where id = 1", List.of(contentSha256));
        if (appliedUnderLock != null) {
            appliedUnderLock = contentSha256;
        }
    }

    @Override
    public Optional<StoredPolicy> activePolicy() {
        return query(
                "select sha256, source, content, stored_at_ms, stored_by from cluster_policy where id = 1",
                List.of(),
                rs -> rs.next()
                        ? Optional.of(new StoredPolicy(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getString(5)))
                        : Optional.<StoredPolicy>empty());
    }

    @Override
    public void storeActivePolicy(StoredPolicy policy) {
        List<Object> values = List.of(
                policy.sha256(),
                policy.source(),
                policy.content(),
                policy.storedAt().toEpochMilli(),
                policy.storedBy());
        if (update(
                        "update cluster_policy set sha256 = ?, source = ?, content = ?, stored_at_ms = ?, stored_by = ?"
                                + " where id = 1",
                        values)
                == 0) {
            update(
                    "insert into cluster_policy (sha256, source, content, stored_at_ms, stored_by, id) values (?, ?, ?, ?, ?, 1)",
                    values);
        }
        recordAppliedPolicy(policy.sha256());
    }

    @Override
    public void stampJoins(String groupId, java.util.Collection<String> userIds, Instant at) {
        for (List<String> batch : Batches.of(List.copyOf(userIds))) {
            List<Object> params = new ArrayList<>(List.of(at.toEpochMilli(), groupId));
            params.addAll(batch);
            update(
                    "update scim_membership set added_at = ? where group_id = ? and user_id in (" + marks(batch) + ")",
                    params);
        }
    }

    // ---- SeatLedger: reads -------------------------------------------------------------------------------------

    @Override
    public boolean isActive(String userId) {
        return query("select active from scim_user where id = ?", List.of(userId), rs -> rs.next() && rs.getBoolean(1));
    }

    @Override
    public Optional<Instant> joinedAt(String userId, String poolGroup) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return query(
                "select min(added_at) from scim_membership where user_id = ? and group_id in (" + marks(groups) + ")",
                params(userId, groups),
                SqlSeatStore::optionalInstant);
    }

    @Override
    public Optional<Instant> expiredAt(String userId, String poolGroup) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return Optional.empty();
        }
        return query(
                "select min(expired_at) from seat_expiry where user_id = ? and group_id in (" + marks(groups) + ")",
                params(userId, groups),
                SqlSeatStore::optionalInstant);
    }

    @Override
    public Optional<Seat> seatOf(String userId) {
        return query(
                "select " + SEAT_COLUMNS + " from seat where user_id = ?",
                List.of(userId),
                rs -> rs.next() ? Optional.of(seat(rs)) : Optional.empty());
    }

    @Override
    public int countAssigned(String poolGroup) {
        return query(
                "select count(*) from seat where pool_key = ?", List.of(Pool.keyOf(poolGroup)), SqlSeatStore::count);
    }

    @Override
    public List<Seat> seatsIn(String poolGroup) {
        return query(
                "select " + SEAT_COLUMNS + " from seat where pool_key = ? order by assigned_at, user_id",
                List.of(Pool.keyOf(poolGroup)),
                SqlSeatStore::seats);
    }

    @Override
    public Set<String> poolGroupsWithSeats() {
        return query("select distinct pool from seat", List.of(), rs -> {
            Set<String> pools = new TreeSet<>();
            while (rs.next()) {
                pools.add(rs.getString(1));
            }
            return pools;
        });
    }

    @Override
    public List<Seat> seatsExpiringBy(Instant now) {
        return query(
                "select " + SEAT_COLUMNS + " from seat where expires_at <= ? order by expires_at, user_id",
                List.of(now.toEpochMilli()),
                SqlSeatStore::seats);
    }

    @Override
    public List<Waiter> firstWaiting(String poolGroup, Set<String> upgradableTiers, int limit) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty() || limit <= 0) {
            return List.of();
        }
        Waiting w = waiting(groups, upgradableTiers);
        return query(w.sql + " order by joined, m.user_id limit ?", append(w.params, limit), rs -> {
            List<Waiter> waiters = new ArrayList<>();
            while (rs.next()) {
                waiters.add(new Waiter(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))));
            }
            return waiters;
        });
    }

    @Override
    public int countWaitingAhead(String poolGroup, Set<String> upgradableTiers, Waiter waiter) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return 0;
        }
        Waiting w = waiting(groups, upgradableTiers);
        long joined = waiter.joinedAt().toEpochMilli();
        List<Object> params = append(append(append(w.params, joined), joined), waiter.userId());
        return query(
                "select count(*) from (" + w.sql
                        + " having min(m.added_at) < ? or (min(m.added_at) = ? and m.user_id < ?)) q",
                params,
                SqlSeatStore::count);
    }

    @Override
    public int countWaiting(String poolGroup, Set<String> upgradableTiers) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return 0;
        }
        Waiting w = waiting(groups, upgradableTiers);
        return query("select count(*) from (" + w.sql + ") q", w.params, SqlSeatStore::count);
    }

    /** The waiting users of a pool, grouped per user (a user may be in two groups naming the same pool). */
    private record Waiting(String sql, List<Object> params) {}

    private Waiting waiting(List<String> groups, Set<String> upgradableTiers) {
        List<Object> params = new ArrayList<>(groups);
        params.addAll(groups);
        StringBuilder sql = new StringBuilder("select m.user_id, min(m.added_at) as joined from scim_membership m")
                .append(" join scim_user u on u.id = m.user_id left join seat s on s.user_id = m.user_id")
                .append(" where m.group_id in (")
                .append(marks(groups))
                .append(") and u.active = true")
                .append(" and not exists (select 1 from seat_expiry e where e.user_id = m.user_id and e.group_id in (")
                .append(marks(groups))
                .append("))");
        if (upgradableTiers.isEmpty()) {
            sql.append(" and s.user_id is null");
        } else {
            List<String> tiers = new ArrayList<>(new TreeSet<>(upgradableTiers));
            sql.append(" and (s.user_id is null or s.tier in (")
                    .append(marks(tiers))
                    .append("))");
            params.addAll(tiers);
        }
        sql.append(" group by m.user_id");
        return new Waiting(sql.toString(), params);
    }

    // ---- SeatLedger: writes ------------------------------------------------------------------------------------

    @Override
    public void assign(Seat seat) {
        update("delete from seat where user_id = ?", List.of(seat.userId()));
        update(
                "insert into seat (user_id, pool, pool_key, tier, assigned_at, expires_at) values (?, ?, ?, ?, ?, ?)",
                java.util.Arrays.asList(
                        seat.userId(),
                        seat.pool(),
                        Pool.keyOf(seat.pool()),
                        seat.tier(),
                        seat.assignedAt().toEpochMilli(),
                        seat.expiresAt().map(Instant::toEpochMilli).orElse(null)));
    }

    @Override
    public void release(String userId) {
        update("delete from seat where user_id = ?", List.of(userId));
    }

    @Override
    public void markExpired(String userId, String poolGroup, Instant at) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return;
        }
        update(
                "delete from seat_expiry where user_id = ? and group_id in (" + marks(groups) + ")",
                params(userId, groups));
        List<Object> insert = new ArrayList<>(List.of(at.toEpochMilli(), userId));
        insert.addAll(groups);
        update(
                "insert into seat_expiry (group_id, user_id, expired_at) select group_id, user_id, ? from scim_membership"
                        + " where user_id = ? and group_id in (" + marks(groups) + ")",
                insert);
    }

    // ---- charges of the month (budgets) ------------------------------------------------------------------------

    @Override
    public Optional<YearMonth> chargesMonth() {
        String month = query(
                "select billing_month from seat_charge_month where id = 1",
                List.of(),
                rs -> rs.next() ? rs.getString(1) : "");
        return month.isEmpty() ? Optional.empty() : Optional.of(YearMonth.parse(month));
    }

    /** One statement charges every holder: first_day is 0 for seats older than the month, else the grant's day. */
    @Override
    public void openChargesMonth(YearMonth month) {
        long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        update(
                "delete from seat_charge where billing_month < ?",
                List.of(month.minusMonths(1).toString()));
        update("delete from seat_charge where billing_month = ?", List.of(month.toString()));
        update(
                "insert into seat_charge (billing_month, user_id, pool, pool_key, tier, first_day)"
                        + " select ?, user_id, pool, pool_key, tier,"
                        + " case when assigned_at < ? then 0 else cast((assigned_at - ?) / 86400000 as integer) + 1 end from seat",
                List.of(month.toString(), start, start));
        update("update seat_charge_month set billing_month = ? where id = 1", List.of(month.toString()));
    }

    @Override
    public Optional<MonthCharge> chargeOf(String userId, YearMonth month) {
        return query(
                "select pool, tier, first_day from seat_charge where billing_month = ? and user_id = ?",
                List.of(month.toString(), userId),
                rs -> rs.next()
                        ? Optional.of(new MonthCharge(month, userId, rs.getString(1), rs.getString(2), rs.getInt(3)))
                        : Optional.<MonthCharge>empty());
    }

    @Override
    public void putCharge(MonthCharge charge) {
        List<Object> values = List.of(
                charge.pool(),
                Pool.keyOf(charge.pool()),
                charge.tier(),
                charge.firstDay(),
                charge.month().toString(),
                charge.userId());
        if (update(
                        "update seat_charge set pool = ?, pool_key = ?, tier = ?, first_day = ? where billing_month = ? and user_id = ?",
                        values)
                == 0) {
            update(
                    "insert into seat_charge (pool, pool_key, tier, first_day, billing_month, user_id) values (?, ?, ?, ?, ?, ?)",
                    values);
        }
    }

    @Override
    public List<MonthCharge.Count> chargeCounts(YearMonth month, BudgetScope scope) {
        String column = scope.kind() == BudgetScope.Kind.POOL ? "pool_key" : "tier";
        return query(
                "select tier, first_day, count(*) from seat_charge where billing_month = ? and " + column + " = ?"
                        + " group by tier, first_day order by tier, first_day",
                List.of(month.toString(), scope.key()),
                rs -> {
                    List<MonthCharge.Count> counts = new ArrayList<>();
                    while (rs.next()) {
                        counts.add(new MonthCharge.Count(rs.getString(1), rs.getInt(2), rs.getInt(3)));
                    }
                    return counts;
                });
    }

    @Override
    public boolean markBudgetExhausted(YearMonth month, BudgetScope scope, Instant at) {
        List<Object> key = List.of(month.toString(), scope.kindName(), scope.key());
        if (query(
                        "select count(*) from budget_exhausted where billing_month = ? and scope_kind = ? and scope_key = ?",
                        key,
                        SqlSeatStore::count)
                > 0) {
            return false; // the allocation lock serialises this check and the insert across replicas
        }
        update(
                "insert into budget_exhausted (billing_month, scope_kind, scope_key, at_ms) values (?, ?, ?, ?)",
                append(new ArrayList<>(key), at.toEpochMilli()));
        return true;
    }

    // ---- admin reads -------------------------------------------------------------------------------------------

    @Override
    public List<String> userIdsAfter(String afterUserId, int limit) {
        return query(
                "select id from scim_user where id > ? order by id limit ?",
                List.of(afterUserId, limit),
                SqlSeatStore::ids);
    }

    @Override
    public List<String> memberIdsAfter(String poolGroup, String afterUserId, int limit) {
        List<String> groups = groupsOf(poolGroup);
        if (groups.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(groups);
        params.add(afterUserId);
        params.add(limit);
        return query(
                "select distinct user_id from scim_membership where group_id in (" + marks(groups) + ") and user_id > ?"
                        + " order by user_id limit ?",
                params,
                SqlSeatStore::ids);
    }

    @Override
    public List<String> holderIdsAfter(
            Optional<String> poolGroup, Optional<String> tier, String afterUserId, int limit) {
        StringBuilder sql = new StringBuilder("select user_id from seat where user_id > ?");
        List<Object> params = new ArrayList<>(List.of(afterUserId));
        poolGroup.ifPresent(p -> {
            sql.append(" and pool_key = ?");
            params.add(Pool.keyOf(p));
        });
        tier.ifPresent(t -> {
            sql.append(" and tier = ?");
            params.add(t);
        });
        params.add(limit);
        return query(sql + " order by user_id limit ?", params, SqlSeatStore::ids);
    }

    /** Empties the tables the ledger reads and resets the step clock; only for tests that own their database. */
    void resetForTests() {
        for (String table : List.of(
                "seat",
                "seat_expiry",
                "scim_membership",
                "scim_user",
                "scim_group",
                "seat_charge",
                "budget_exhausted")) {
            update("delete from " + table, List.of());
        }
        update("update seat_charge_month set billing_month = '' where id = 1", List.of());
        update("update seat_allocation_lock set last_step_at = 0, applied_policy_sha256 = '' where id = 1", List.of());
        appliedUnderLock = null;
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /** The SCIM groups a pool draws on: displayName or externalId equal to the pool's group, ignoring case. */
    private List<String> groupsOf(String poolGroup) {
        String key = Pool.keyOf(poolGroup);
        List<String> cached = groupsByPool.get(key);
        if (cached == null) {
            cached = query(
                    "select id from scim_group where display_name_ci = ? or lower(external_id) = ? order by id",
                    List.of(key, key),
                    SqlSeatStore::ids);
            groupsByPool.put(key, Collections.unmodifiableList(cached));
        }
        return cached;
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, List<?> params, Rows<T> rows) {
        flushOnce();
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = prepare(c, sql, params);
                    ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        });
    }

    private int update(String sql, List<?> params) {
        flushOnce();
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    /** Hibernate may still hold the request's user/group changes; SQL must see them. */
    private void flushOnce() {
        if (!flushed) {
            flushed = true;
            if (!session.isDefaultReadOnly()) {
                session.flush();
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<?> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) {
                ps.setNull(i + 1, java.sql.Types.BIGINT);
            } else {
                ps.setObject(i + 1, value);
            }
        }
        return ps;
    }

    private static String marks(List<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private static List<Object> params(String first, List<String> rest) {
        List<Object> params = new ArrayList<>();
        params.add(first);
        params.addAll(rest);
        return params;
    }

    private static List<Object> append(List<Object> params, Object value) {
        List<Object> more = new ArrayList<>(params);
        more.add(value);
        return more;
    }

    private static Optional<Instant> optionalInstant(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return Optional.empty();
        }
        long value = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static int count(ResultSet rs) throws SQLException {
        return rs.next() ? rs.getInt(1) : 0;
    }

    private static List<String> ids(ResultSet rs) throws SQLException {
        List<String> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getString(1));
        }
        return ids;
    }

    private static List<Seat> seats(ResultSet rs) throws SQLException {
        List<Seat> seats = new ArrayList<>();
        while (rs.next()) {
            seats.add(seat(rs));
        }
        return seats;
    }

    private static Seat seat(ResultSet rs) throws SQLException {
        long expires = rs.getLong(5);
        Optional<Instant> expiresAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires));
        return new Seat(
                rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), expiresAt);
    }
}
