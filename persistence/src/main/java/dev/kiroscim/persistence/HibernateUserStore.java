package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.IndexedValue;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.UserStore;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/** {@link UserStore} on Hibernate: the user row as an entity, its attribute index and memberships in SQL. */
final class HibernateUserStore implements UserStore {

    private static final int MAX_INDEXED_LENGTH = 1024;

    private final Session session;

    HibernateUserStore(Session session) {
        this.session = session;
    }

    @Override
    public void insert(UserRecord user, List<IndexedValue> index) {
        session.persist(UserEntity.from(user));
        Uniqueness.flush(session, "userName", user.userName());
        writeIndex(user.id(), index);
    }

    @Override
    public Optional<UserRecord> find(String id) {
        return Optional.ofNullable(session.find(UserEntity.class, id)).map(UserEntity::toRecord);
    }

    @Override
    public Optional<UserRecord> findForUpdate(String id) {
        return Optional.ofNullable(session.find(UserEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                .map(UserEntity::toRecord);
    }

    @Override
    public void update(UserRecord user, List<IndexedValue> index) {
        UserEntity entity = session.find(UserEntity.class, user.id());
        if (entity == null) {
            throw new IllegalStateException("user " + user.id() + " vanished inside its own transaction");
        }
        entity.copy(user);
        Uniqueness.flush(session, "userName", user.userName());
        session.createNativeMutationQuery("delete from scim_user_attr where user_id = ?1")
                .setParameter(1, user.id()).executeUpdate();
        writeIndex(user.id(), index);
    }

    private void writeIndex(String userId, List<IndexedValue> index) {
        if (index.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into scim_user_attr (user_id, path, elem, val, val_ci) values (?, ?, ?, ?, ?)")) {
                for (IndexedValue v : index) {
                    String value = v.value() == null ? null : truncate(v.value());
                    ps.setString(1, userId);
                    ps.setString(2, v.path());
                    ps.setInt(3, v.element());
                    ps.setString(4, value);
                    ps.setString(5, value == null ? null : value.toLowerCase(Locale.ROOT));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Values longer than the index column are indexed by their prefix (documented limit). */
    private static String truncate(String value) {
        return value.length() <= MAX_INDEXED_LENGTH ? value : value.substring(0, MAX_INDEXED_LENGTH);
    }

    @Override
    public boolean delete(String id) {
        return session.createNativeMutationQuery("delete from scim_user where id = ?1")
                .setParameter(1, id).executeUpdate() > 0;
    }

    @Override
    public Page<UserRecord> search(Criteria criteria, SortKey sort, PageRequest page) {
        return new Search<>(session, SqlWhere.ResourceTable.USERS, "scim_user", UserEntity.class)
                .run(criteria, sort, page).map(UserEntity::toRecord);
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> batch : Batches.of(ids)) {
            found.addAll(session.createNativeQuery("select id from scim_user where id in (:ids)", String.class)
                    .setParameterList("ids", batch).getResultList());
        }
        return found;
    }

    @Override
    public Map<String, String> userNames(Collection<String> ids) {
        Map<String, String> out = new java.util.HashMap<>();
        for (List<String> batch : Batches.of(ids)) {
            List<Object[]> rows = session.createNativeQuery("select id, user_name from scim_user where id in (:ids)", Object[].class)
                    .setParameterList("ids", batch).getResultList();
            rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        }
        return out;
    }

    @Override
    public Map<String, List<GroupRef>> groupsOf(Collection<String> userIds) {
        Map<String, List<GroupRef>> out = new LinkedHashMap<>();
        for (List<String> batch : Batches.of(userIds)) {
            List<Object[]> rows = session.createNativeQuery(
                            "select m.user_id, g.id, g.display_name from scim_membership m join scim_group g on g.id = m.group_id"
                                    + " where m.user_id in (:ids) order by m.user_id, g.display_name_ci, g.id", Object[].class)
                    .setParameterList("ids", batch).getResultList();
            for (Object[] row : rows) {
                out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new GroupRef((String) row[1], (String) row[2]));
            }
        }
        return out;
    }
}
