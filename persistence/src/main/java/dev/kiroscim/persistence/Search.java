package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/** A filtered, sorted, paged search over one resource table: a COUNT and a page SELECT with the same condition. */
final class Search<E> {

    private final Session session;
    private final SqlWhere.ResourceTable table;
    private final String tableName;
    private final Class<E> entity;

    Search(Session session, SqlWhere.ResourceTable table, String tableName, Class<E> entity) {
        this.session = session;
        this.table = table;
        this.tableName = tableName;
        this.entity = entity;
    }

    /**
     * Runs the page query first and the COUNT only when the page does not already tell the total: a page that
     * starts at the first match and is not full holds every match. That is the common IdP lookup
     * ({@code userName eq "…"}, one or zero results), which then costs one query instead of two.
     */
    Result<E> run(Criteria criteria, SortKey sort, PageRequest page) {
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
            NativeQuery<E> select = session.createNativeQuery(
                    "select " + table.alias() + ".*" + from + order + limit + offset, entity);
            bind(select, pageParams);
            items = select.getResultList();
            if (items.size() < page.limit() && (page.offset() == 0 || !items.isEmpty())) {
                return new Result<>(page.offset() + items.size(), items);
            }
        }
        NativeQuery<Long> count = session.createNativeQuery("select count(*)" + from, Long.class);
        bind(count, params);
        return new Result<>(((Number) count.getSingleResult()).longValue(), items);
    }

    private static void bind(NativeQuery<?> query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
    }

    record Result<E>(long total, List<E> items) {
        <R> dev.kiroscim.core.directory.query.Page<R> map(Function<E, R> mapper) {
            return new dev.kiroscim.core.directory.query.Page<>(total, items.stream().map(mapper).toList());
        }
    }
}
