package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.StoreUnavailable;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

/**
 * {@code Session.find} that never mistakes a failed database for a missing row.
 *
 * <p>When a JDBC error (a connection lost mid-query, say) marks the transaction rollback-only, Hibernate's
 * {@code find} logs "HHH90010102: JDBC exception executing SQL; transaction rolled back" and returns {@code null}
 * instead of throwing (HHH-12472). A caller would then answer 404: PostgresOutageTest saw {@code PATCH /Groups/{id}}
 * answer 404 for an existing group at the moment PostgreSQL stopped, and an IdP told "404" may drop or re-create the
 * group. A null from a transaction that is rollback-only therefore means "the database failed": nothing was
 * committed, and the edge answers 503 with {@code Retry-After}, like any other outage.
 */
final class EntityLookup {

    private EntityLookup() {}

    static <T> T find(Session session, Class<T> type, Object id) {
        return checked(session, session.find(type, id), type, id);
    }

    static <T> T findForUpdate(Session session, Class<T> type, Object id) {
        return checked(session, session.find(type, id, LockModeType.PESSIMISTIC_WRITE), type, id);
    }

    private static <T> T checked(Session session, T found, Class<T> type, Object id) {
        if (found == null
                && session.getTransaction().isActive()
                && session.getTransaction().getRollbackOnly()) {
            throw new StoreUnavailable(
                    "the database failed while reading " + type.getSimpleName() + " " + id
                            + " (the transaction was rolled back); nothing was changed, retry shortly",
                    null);
        }
        return found;
    }
}
