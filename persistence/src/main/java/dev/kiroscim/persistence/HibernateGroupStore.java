package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.GroupStore;
import dev.kiroscim.core.directory.MemberRef;
import dev.kiroscim.core.directory.MembershipDiff;
import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Page;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.SortKey;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/**
 * {@link GroupStore} on Hibernate. Membership changes read and write only the rows of the members they name
 * (primary key {@code (group_id, user_id)}), so their cost does not depend on the size of the group.
 */
final class HibernateGroupStore implements GroupStore {

    private final Session session;

    HibernateGroupStore(Session session) {
        this.session = session;
    }

    @Override
    public void insert(GroupRecord group) {
        session.persist(GroupEntity.from(group));
        Uniqueness.flush(session, "displayName", group.displayName());
    }

    @Override
    public Optional<GroupRecord> find(String id) {
        return Optional.ofNullable(EntityLookup.find(session, GroupEntity.class, id))
                .map(GroupEntity::toRecord);
    }

    @Override
    public Optional<GroupRecord> findForUpdate(String id) {
        return Optional.ofNullable(EntityLookup.findForUpdate(session, GroupEntity.class, id))
                .map(GroupEntity::toRecord);
    }

    @Override
    public void update(GroupRecord group) {
        GroupEntity entity = EntityLookup.find(session, GroupEntity.class, group.id());
        if (entity == null) {
            throw new IllegalStateException("group " + group.id() + " vanished inside its own transaction");
        }
        entity.copy(group);
        Uniqueness.flush(session, "displayName", group.displayName());
    }

    @Override
    public boolean delete(String id) {
        return session.createNativeMutationQuery("delete from scim_group where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate()
                > 0;
    }

    @Override
    public Page<GroupRecord> search(Criteria criteria, SortKey sort, PageRequest page) {
        return new Search<>(session, SqlWhere.ResourceTable.GROUPS, "scim_group", HibernateGroupStore::groupRow)
                .run(criteria, sort, page)
                .map(g -> g);
    }

    /** A {@code scim_group} row, read by column name. */
    private static GroupRecord groupRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new GroupRecord(
                rs.getString("id"),
                rs.getString("display_name"),
                rs.getString("external_id"),
                rs.getString("document"),
                rs.getLong("version"),
                java.time.Instant.ofEpochMilli(rs.getLong("created_at")),
                java.time.Instant.ofEpochMilli(rs.getLong("modified_at")));
    }

    @Override
    public List<String> addMembers(String groupId, Collection<String> userIds, Instant at) {
        List<String> added = new ArrayList<>();
        for (List<String> batch : Batches.of(new LinkedHashSet<>(userIds))) {
            Set<String> present = presentAmong(groupId, batch);
            List<String> missing =
                    batch.stream().filter(id -> !present.contains(id)).toList();
            insertMembers(groupId, missing, at);
            added.addAll(missing);
        }
        return added;
    }

    @Override
    public List<String> removeMembers(String groupId, Collection<String> userIds) {
        List<String> removed = new ArrayList<>();
        for (List<String> batch : Batches.of(new LinkedHashSet<>(userIds))) {
            Set<String> present = presentAmong(groupId, batch);
            if (present.isEmpty()) {
                continue;
            }
            session.createNativeMutationQuery("delete from scim_membership where group_id = :g and user_id in (:ids)")
                    .setParameter("g", groupId)
                    .setParameterList("ids", present)
                    .executeUpdate();
            batch.stream().filter(present::contains).forEach(removed::add);
        }
        return removed;
    }

    @Override
    public List<String> removeAllMembers(String groupId) {
        List<String> removed = allMemberIds(groupId);
        session.createNativeMutationQuery("delete from scim_membership where group_id = ?1")
                .setParameter(1, groupId)
                .executeUpdate();
        return removed;
    }

    @Override
    public MembershipDiff replaceMembers(String groupId, Collection<String> userIds, Instant at) {
        Set<String> wanted = new LinkedHashSet<>(userIds);
        Set<String> current = new HashSet<>(allMemberIds(groupId));
        List<String> toAdd = wanted.stream().filter(id -> !current.contains(id)).toList();
        List<String> toRemove =
                current.stream().filter(id -> !wanted.contains(id)).sorted().toList();
        for (List<String> batch : Batches.of(toRemove)) {
            session.createNativeMutationQuery("delete from scim_membership where group_id = :g and user_id in (:ids)")
                    .setParameter("g", groupId)
                    .setParameterList("ids", batch)
                    .executeUpdate();
        }
        insertMembers(groupId, toAdd, at);
        return new MembershipDiff(toAdd, toRemove);
    }

    @Override
    public List<MemberRef> members(String groupId, String afterUserId, int limit) {
        String sql =
                "select u.id, u.user_name, u.display_name from scim_membership m join scim_user u on u.id = m.user_id"
                        + " where m.group_id = :g" + (afterUserId == null ? "" : " and m.user_id > :after")
                        + " order by m.user_id limit :limit";
        var query = session.createNativeQuery(sql, Object[].class)
                .setParameter("g", groupId)
                .setParameter("limit", limit);
        if (afterUserId != null) {
            query.setParameter("after", afterUserId);
        }
        return query.getResultList().stream()
                .map(r -> new MemberRef((String) r[0], (String) r[1], (String) r[2]))
                .toList();
    }

    private List<String> allMemberIds(String groupId) {
        return session.createNativeQuery(
                        "select user_id from scim_membership where group_id = ?1 order by user_id", String.class)
                .setParameter(1, groupId)
                .getResultList();
    }

    private Set<String> presentAmong(String groupId, List<String> batch) {
        return new HashSet<>(session.createNativeQuery(
                        "select user_id from scim_membership where group_id = :g and user_id in (:ids)", String.class)
                .setParameter("g", groupId)
                .setParameterList("ids", batch)
                .getResultList());
    }

    private void insertMembers(String groupId, List<String> userIds, Instant at) {
        if (userIds.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into scim_membership (group_id, user_id, added_at) values (?, ?, ?)")) {
                int pending = 0;
                for (String userId : userIds) {
                    ps.setString(1, groupId);
                    ps.setString(2, userId);
                    ps.setLong(3, at.toEpochMilli());
                    ps.addBatch();
                    if (++pending == Batches.SIZE) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        });
    }
}
