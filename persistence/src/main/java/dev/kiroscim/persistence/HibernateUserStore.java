package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.IndexedValue;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.UserStore;
import dev.kiroscim.core.directory.UserWithGroups;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
        return Optional.ofNullable(EntityLookup.find(session, UserEntity.class, id))
                .map(UserEntity::toRecord);
    }

    /**
     * One JDBC statement instead of a Hibernate entity load plus the groups query: the user row left-joined with its
     * memberships and their groups, one row per group (a single row with null group columns when it has none). On
     * PostgreSQL that is one round trip fewer per {@code GET /Users/{id}}, and no entity enters the session.
     */
    @Override
    public Optional<UserWithGroups> findWithGroups(String id, boolean withGroups) {
        String sql = withGroups
                ? "select " + USER_COLUMNS + ", g.id, g.display_name from scim_user u"
                        + " left join scim_membership m on m.user_id = u.id left join scim_group g on g.id = m.group_id"
                        + " where u.id = ? order by g.display_name_ci, g.id"
                : "select " + USER_COLUMNS + " from scim_user u where u.id = ?";
        if (session.getHibernateFlushMode() != org.hibernate.FlushMode.MANUAL && session.isDirty()) {
            session.flush(); // in a write transaction, SQL must see the entities changed so far
        }
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    UserRecord user = new UserRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getBoolean(5),
                            rs.getString(6),
                            rs.getLong(7),
                            Instant.ofEpochMilli(rs.getLong(8)),
                            Instant.ofEpochMilli(rs.getLong(9)));
                    if (!withGroups) {
                        return Optional.of(new UserWithGroups(user, null));
                    }
                    List<GroupRef> groups = new ArrayList<>();
                    do {
                        if (rs.getString(10) != null) {
                            groups.add(new GroupRef(rs.getString(10), rs.getString(11)));
                        }
                    } while (rs.next());
                    return Optional.of(new UserWithGroups(user, groups));
                }
            }
        });
    }

    private static final String USER_COLUMNS =
            "u.id, u.user_name, u.external_id, u.display_name, u.active, u.document, u.version, u.created_at, u.modified_at";

    @Override
    public Optional<UserRecord> findForUpdate(String id) {
        return Optional.ofNullable(EntityLookup.findForUpdate(session, UserEntity.class, id))
                .map(UserEntity::toRecord);
    }

    @Override
    public void update(UserRecord user, List<IndexedValue> index) {
        UserEntity entity = EntityLookup.find(session, UserEntity.class, user.id());
        if (entity == null) {
            throw new IllegalStateException("user " + user.id() + " vanished inside its own transaction");
        }
        entity.copy(user);
        Uniqueness.flush(session, "userName", user.userName());
        session.createNativeMutationQuery("delete from scim_user_attr where user_id = ?1")
                .setParameter(1, user.id())
                .executeUpdate();
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
                        .setParameter(1, id)
                        .executeUpdate()
                > 0;
    }

    @Override
    public Page<UserRecord> search(Criteria criteria, SortKey sort, PageRequest page) {
        return new Search<>(session, SqlWhere.ResourceTable.USERS, "scim_user", HibernateUserStore::userRow)
                .run(criteria, sort, page)
                .map(u -> u);
    }

    /** A {@code scim_user} row, read by column name. */
    private static UserRecord userRow(ResultSet rs) throws java.sql.SQLException {
        return new UserRecord(
                rs.getString("id"),
                rs.getString("user_name"),
                rs.getString("external_id"),
                rs.getString("display_name"),
                rs.getBoolean("active"),
                rs.getString("document"),
                rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("modified_at")));
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> batch : Batches.of(ids)) {
            found.addAll(session.createNativeQuery("select id from scim_user where id in (:ids)", String.class)
                    .setParameterList("ids", batch)
                    .getResultList());
        }
        return found;
    }

    @Override
    public Map<String, String> userNames(Collection<String> ids) {
        Map<String, String> out = new java.util.HashMap<>();
        for (List<String> batch : Batches.of(ids)) {
            List<Object[]> rows = session.createNativeQuery(
                            "select id, user_name from scim_user where id in (:ids)", Object[].class)
                    .setParameterList("ids", batch)
                    .getResultList();
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
                                    + " where m.user_id in (:ids) order by m.user_id, g.display_name_ci, g.id",
                            Object[].class)
                    .setParameterList("ids", batch)
                    .getResultList();
            for (Object[] row : rows) {
                out.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                        .add(new GroupRef((String) row[1], (String) row[2]));
            }
        }
        return out;
    }
}
