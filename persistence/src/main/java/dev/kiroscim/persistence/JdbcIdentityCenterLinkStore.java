package dev.kiroscim.persistence;

import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.sync.state.IdentityCenterLinkStore;
import dev.kiroscim.core.sync.state.ReconcileReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hibernate.Session;

/** {@link IdentityCenterLinkStore} on plain JDBC in the session's transaction (tables of V4__identity_center.sql). */
final class JdbcIdentityCenterLinkStore implements IdentityCenterLinkStore {

    private static final String SELECT =
            "select scim_user_id, idc_user_id, origin, user_name, display_name, given_name,"
                    + " family_name, email from idc_user_link";

    private final Session session;

    JdbcIdentityCenterLinkStore(Session session) {
        this.session = session;
    }

    @Override
    public Optional<IdentityCenterLink> find(String scimUserId) {
        List<IdentityCenterLink> found = new ArrayList<>();
        session.doWork(c -> found.addAll(read(c, SELECT + " where scim_user_id = ?", scimUserId)));
        return found.stream().findFirst();
    }

    @Override
    public Optional<IdentityCenterLink> findForUpdate(String scimUserId) {
        session.doWork(c -> lock(c, scimUserId));
        return find(scimUserId); // read after the lock: a saver that held it has committed, and none can start
    }

    /**
     * Locks the user's link row, which every save and delete also locks first: one lock order (that row, then its
     * membership rows) for all writers of a link, so a holder and a saver wait for each other without a deadlock.
     */
    private static void lock(Connection c, String scimUserId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select scim_user_id from idc_user_link where scim_user_id = ? for update")) {
            ps.setString(1, scimUserId);
            ps.executeQuery().close();
        }
    }

    @Override
    public List<IdentityCenterLink> all() {
        List<IdentityCenterLink> found = new ArrayList<>();
        session.doWork(c -> found.addAll(read(c, SELECT + " order by scim_user_id", null)));
        return found;
    }

    private static List<IdentityCenterLink> read(Connection c, String sql, String scimUserId) throws SQLException {
        Map<String, Map<String, String>> memberships = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("select scim_user_id, group_name, membership_id from idc_membership_link"
                        + (scimUserId == null ? "" : " where scim_user_id = ?"))) {
            if (scimUserId != null) {
                ps.setString(1, scimUserId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    memberships
                            .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getString(3));
                }
            }
        }
        List<IdentityCenterLink> links = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (scimUserId != null) {
                ps.setString(1, scimUserId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String userName = rs.getString(4);
                    IdentityCenterUserProfile profile = userName == null
                            ? null
                            : new IdentityCenterUserProfile(
                                    userName, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                    links.add(new IdentityCenterLink(
                            rs.getString(1),
                            rs.getString(2),
                            IdentityCenterLink.Origin.valueOf(rs.getString(3)),
                            profile,
                            memberships.getOrDefault(rs.getString(1), Map.of())));
                }
            }
        }
        return links;
    }

    @Override
    public void save(IdentityCenterLink link) {
        session.doWork(c -> {
            deleteRows(c, link.scimUserId());
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into idc_user_link (scim_user_id, idc_user_id, origin,"
                            + " user_name, display_name, given_name, family_name, email, updated_at_ms) values (?,?,?,?,?,?,?,?,?)")) {
                IdentityCenterUserProfile p = link.profile();
                ps.setString(1, link.scimUserId());
                ps.setString(2, link.identityCenterUserId());
                ps.setString(3, link.origin().name());
                ps.setString(4, p == null ? null : p.userName());
                ps.setString(5, p == null ? null : p.displayName());
                ps.setString(6, p == null ? null : p.givenName());
                ps.setString(7, p == null ? null : p.familyName());
                ps.setString(8, p == null ? null : p.email());
                ps.setLong(9, System.currentTimeMillis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into idc_membership_link (scim_user_id, group_name, membership_id) values (?,?,?)")) {
                for (Map.Entry<String, String> m : link.memberships().entrySet()) {
                    ps.setString(1, link.scimUserId());
                    ps.setString(2, m.getKey());
                    ps.setString(3, m.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public void delete(String scimUserId) {
        session.doWork(c -> deleteRows(c, scimUserId));
    }

    private static void deleteRows(Connection c, String scimUserId) throws SQLException {
        lock(c, scimUserId);
        for (String table : List.of("idc_membership_link", "idc_user_link")) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where scim_user_id = ?")) {
                ps.setString(1, scimUserId);
                ps.executeUpdate();
            }
        }
    }

    @Override
    public Optional<ReconcileReport> lastReconcile() {
        List<ReconcileReport> found = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("select at_ms, changes, drift, error from idc_reconcile where id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    found.add(new ReconcileReport(
                            Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2), rs.getInt(3), rs.getString(4)));
                }
            }
        });
        return found.stream().findFirst();
    }

    @Override
    public void saveLastReconcile(ReconcileReport report) {
        session.doWork(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from idc_reconcile where id = 1")) {
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into idc_reconcile (id, at_ms, changes, drift, error) values (1, ?, ?, ?, ?)")) {
                ps.setLong(1, report.at().toEpochMilli());
                ps.setInt(2, report.changes());
                ps.setInt(3, report.drift());
                String error = report.error();
                ps.setString(4, error == null || error.length() <= 4000 ? error : error.substring(0, 4000));
                ps.executeUpdate();
            }
        });
    }
}
