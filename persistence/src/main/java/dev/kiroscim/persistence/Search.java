package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * A filtered, sorted, paged search over one resource table: a COUNT and a page SELECT with the same condition, in
 * plain JDBC on the session's connection. (Through Hibernate's native queries mapped to entities, building the
 * query and loading the entities was a third of the CPU of a {@code userName eq} lookup; issue 13.)
 */
final class Search<E> {

    /** Reads one row of the page into a record. */
    interface RowReader<E> {
        E read(ResultSet rs) throws SQLException;
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

    private final Session session;
    private final SqlWhere.ResourceTable table;
    private final String tableName;
    private final RowReader<E> rows;

    Search(Session session, SqlWhere.ResourceTable table, String tableName, RowReader<E> rows) {
        this.session = session;
        this.table = table;
        this.tableName = tableName;
        this.rows = rows;
    }

    /**
     * Runs the page query first and the COUNT only when the page does not already tell the total: a page that
     * starts at the first match and is not full holds every match. That is the common IdP lookup
     * ({@code userName eq "…"}, one or zero results), which then costs one query instead of two.
     */
    Result<E> run(Criteria criteria, SortKey sort, PageRequest page) {
        if (session.getHibernateFlushMode() != FlushMode.MANUAL && session.isDirty()) {
            session.flush(); // in a write transaction, SQL must see the entities changed so far
        }
        List<Object> params = new ArrayList<>();
        String condition = new SqlWhere(table, params).condition(criteria);
        String from = " from " + tableName + " " + table.alias() + " where " + condition;
        List<E> items = List.of();
        if (page.limit() > 0) {
            List<Object> pageParams = new ArrayList<>(params);
            String order = new SqlWhere(table, pageParams).orderBy(sort);
            pageParams.add(page.limit());
            String limit = " limit ?" + pageParams.size();
            pageParams.add(page.offset());
            String offset = " offset ?" + pageParams.size();
            items = query("select " + table.alias() + ".*" + from + order + limit + offset, pageParams, rs -> {
                List<E> read = new ArrayList<>();
                while (rs.next()) {
                    read.add(rows.read(rs));
                }
                return read;
            });
            if (items.size() < page.limit() && (page.offset() == 0 || !items.isEmpty())) {
                return new Result<>(page.offset() + items.size(), items);
            }
        }
        long total = query("select count(*)" + from, params, rs -> rs.next() ? rs.getLong(1) : 0L);
        return new Result<>(total, items);
    }

    /** {@code sql} with SqlWhere's numbered {@code ?N} placeholders, run with plain JDBC {@code ?} in text order. */
    private <T> T query(String sql, List<Object> params, RowReader<T> read) {
        List<Object> ordered = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            ordered.add(params.get(Integer.parseInt(m.group(1)) - 1));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(jdbc.toString())) {
                for (int i = 0; i < ordered.size(); i++) {
                    ps.setObject(i + 1, ordered.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return read.read(rs);
                }
            }
        });
    }

    record Result<E>(long total, List<E> items) {
        <R> dev.kiroscim.core.directory.query.Page<R> map(Function<E, R> mapper) {
            return new dev.kiroscim.core.directory.query.Page<>(
                    total, items.stream().map(mapper).toList());
        }
    }
}
