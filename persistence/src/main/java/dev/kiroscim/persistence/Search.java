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

    Result<E> run(Criteria criteria, SortKey sort, PageRequest page) {
        List<Object> params = new ArrayList<>();
        SqlWhere where = new SqlWhere(table, params);
        String condition = where.condition(criteria);
        String from = " from " + tableName + " " + table.alias() + " where " + condition;

        NativeQuery<Long> count = session.createNativeQuery("select count(*)" + from, Long.class);
        bind(count, params);
        long total = ((Number) count.getSingleResult()).longValue();
        if (page.limit() == 0 || total <= page.offset()) {
            return new Result<>(total, List.of());
        }
        List<Object> pageParams = new ArrayList<>(params);
        String order = new SqlWhere(table, pageParams).orderBy(sort);
        pageParams.add(page.limit());
        String limit = " limit ?" + pageParams.size();
        pageParams.add(page.offset());
        String offset = " offset ?" + pageParams.size();
        NativeQuery<E> select = session.createNativeQuery(
                "select " + table.alias() + ".*" + from + order + limit + offset, entity);
        bind(select, pageParams);
        return new Result<>(total, select.getResultList());
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
