package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What must hold after a chaos scenario, once the load stopped and the cluster settled: nothing acknowledged was
 * lost, no pool was ever over its cap and the queues stayed first-come-first-served, the Identity Store is exactly
 * the plan, nothing is left in the outbox, the audit chain verifies, and the cluster kept within its call budget.
 */
final class ClusterChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterChecks() {}

    /** Waits until the outbox is empty and a plan finds nothing to do. */
    static void awaitSettled(ChaosCluster c, Duration timeout) {
        Poll.until(
                "cluster settled (outbox empty, plan empty)",
                timeout,
                Duration.ofSeconds(1),
                () -> {
                    JsonNode sync = c.admin("/admin/v1/sync");
                    if (sync.path("pending").asLong() != 0) {
                        return "pending " + sync.path("pending").asLong();
                    }
                    JsonNode plan = c.admin("/admin/v1/sync/plan");
                    return plan.path("calls").size() == 0
                            ? "settled"
                            : "plan has " + plan.path("calls").size() + " calls";
                },
                "settled"::equals);
    }

    /** Every acknowledged write is in the database with its audit event; returns how many were lost (asserted 0). */
    static int acknowledgedWritesAreDurable(
            ChaosCluster c, List<OktaLoad.UserModel> users, Map<String, String> groupIds) throws Exception {
        List<String> lost = new ArrayList<>();
        try (Connection db = c.database.connect()) {
            for (OktaLoad.UserModel u : users) {
                if (u.uncertain || u.id == null) {
                    continue;
                }
                Boolean active = one(db, "select active from scim_user where id = ?", u.id, rs -> rs.getBoolean(1));
                String groupId = groupIds.get(u.pool);
                boolean member = one(
                                db,
                                "select 1 from scim_membership where user_id = ? and group_id = '" + groupId + "'",
                                u.id,
                                rs -> true)
                        != null;
                if (u.deleted) {
                    expect(lost, active == null, u, "deleted but still in scim_user");
                    expect(lost, events(db, "scim.user.deleted", u.id) == 1, u, "no scim.user.deleted event");
                } else {
                    expect(lost, active != null, u, "created (201) but missing");
                    expect(lost, active == null || active == u.active, u, "active should be " + u.active);
                    expect(lost, member == u.member, u, "membership in " + u.pool + " should be " + u.member);
                    if (!u.active) {
                        expect(
                                lost,
                                events(db, "scim.user.deactivated", u.id) == 1,
                                u,
                                "no scim.user.deactivated event");
                    }
                    if (u.member) {
                        expect(
                                lost,
                                events(db, "scim.membership.added", u.id) >= 1,
                                u,
                                "no scim.membership.added event");
                    }
                }
                expect(lost, events(db, "scim.user.created", u.id) == 1, u, "not exactly one scim.user.created event");
            }
        }
        assertThat(lost)
                .as("acknowledged writes missing from the database or the audit log")
                .isEmpty();
        return lost.size();
    }

    private static void expect(List<String> lost, boolean ok, OktaLoad.UserModel u, String what) {
        if (!ok) {
            lost.add(u.userName + " (" + u.id + "): " + what);
        }
    }

    /**
     * Replays the audit log's seat events in seq order: after each transaction's events (grouped by request id) no
     * pool holds more seats than the cap of the policy then active (known from each {@code policy.loaded} SHA-256).
     * @return the highest occupancy seen per pool
     */
    static Map<String, Integer> capsNeverExceeded(ChaosCluster c) throws Exception {
        Map<String, Set<String>> holders = new TreeMap<>();
        Map<String, Integer> caps = new HashMap<>(ChaosCluster.CAPS_A);
        Map<String, Integer> peak = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        try (Connection db = c.database.connect();
                PreparedStatement ps = db.prepareStatement(
                        "select seq, event_type, subject_id, details, request_id"
                                + " from audit_event where event_type like 'seat.%' or event_type = 'policy.loaded' order by seq");
                ResultSet rs = ps.executeQuery()) {
            String runRequest = null;
            long runSeq = 0;
            while (rs.next()) {
                String request = rs.getString(5);
                if (!Objects.equals(request, runRequest)) {
                    check(holders, caps, peak, violations, runSeq);
                    runRequest = request;
                }
                runSeq = rs.getLong(1);
                JsonNode details = JSON.readTree(rs.getString(4));
                switch (rs.getString(2)) {
                    case "policy.loaded" -> {
                        Map<String, Integer> next =
                                c.capsBySha.get(details.path("contentSha256").asText());
                        if (next != null) {
                            caps = new HashMap<>(next);
                        }
                    }
                    case "seat.assigned", "seat.promoted" ->
                        holders.computeIfAbsent(details.path("pool").asText(), k -> new TreeSet<>())
                                .add(rs.getString(3));
                    case "seat.released", "seat.expired" ->
                        holders.computeIfAbsent(details.path("pool").asText(), k -> new TreeSet<>())
                                .remove(rs.getString(3));
                    default -> {}
                }
            }
            check(holders, caps, peak, violations, runSeq);
        }
        assertThat(violations).as("a pool over its cap after a transaction").isEmpty();
        return peak;
    }

    private static void check(
            Map<String, Set<String>> holders,
            Map<String, Integer> caps,
            Map<String, Integer> peak,
            List<String> violations,
            long seq) {
        holders.forEach((pool, users) -> {
            peak.merge(pool, users.size(), Math::max);
            Integer cap = caps.get(pool);
            if (cap != null && users.size() > cap) {
                violations.add("after seq " + seq + ": " + pool + " holds " + users.size() + " > cap " + cap);
            }
        });
    }

    /** At rest, each pool's holders are the first {@code cap} eligible members by join time (rule 3). */
    static void firstComeFirstServed(ChaosCluster c, Map<String, Integer> caps) throws Exception {
        try (Connection db = c.database.connect()) {
            for (Map.Entry<String, Integer> pool : caps.entrySet()) {
                List<String> queue = new ArrayList<>();
                try (PreparedStatement ps = db.prepareStatement("select m.user_id from scim_membership m"
                        + " join scim_group g on g.id = m.group_id join scim_user u on u.id = m.user_id"
                        + " where g.display_name = ? and u.active = true order by m.added_at, m.user_id")) {
                    ps.setString(1, pool.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            queue.add(rs.getString(1));
                        }
                    }
                }
                Set<String> held = new TreeSet<>();
                try (PreparedStatement ps = db.prepareStatement("select user_id from seat where pool = ?")) {
                    ps.setString(1, pool.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            held.add(rs.getString(1));
                        }
                    }
                }
                Set<String> expected = new TreeSet<>(queue.subList(0, Math.min(pool.getValue(), queue.size())));
                assertThat(held)
                        .as(
                                "holders of %s are the first %d active members by join time",
                                pool.getKey(), pool.getValue())
                        .isEqualTo(expected);
            }
        }
    }

    /** The Identity Store holds exactly the seat holders in their tier groups: no drift, no duplicates. */
    static void identityStoreMatchesThePlan(ChaosCluster c, IdentityStoreView store, List<OktaLoad.UserModel> users)
            throws Exception {
        JsonNode plan = c.admin("/admin/v1/sync/plan");
        assertThat(plan.path("calls").size())
                .as("plan calls: " + plan.path("calls"))
                .isZero();
        assertThat(plan.path("drift").size())
                .as("plan drift: " + plan.path("drift"))
                .isZero();
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("kiro-pro", new TreeSet<>());
        expected.put("kiro-pro-plus", new TreeSet<>());
        try (Connection db = c.database.connect();
                PreparedStatement ps = db.prepareStatement(
                        "select u.user_name, s.tier from seat s join scim_user u on u.id = s.user_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                expected.get("PRO".equals(rs.getString(2)) ? "kiro-pro" : "kiro-pro-plus")
                        .add(rs.getString(1));
            }
        }
        IdentityStoreView.Snapshot snapshot = store.snapshot();
        for (Map.Entry<String, Set<String>> group : expected.entrySet()) {
            assertThat(snapshot.members(group.getKey()))
                    .as("members of %s", group.getKey())
                    .isEqualTo(group.getValue());
        }
        IdentityStoreView.Rows rows = store.rows();
        assertThat(rows.userNames()).as("no user created twice").doesNotHaveDuplicates();
        assertThat(rows.membershipKeys()).as("no duplicate membership").doesNotHaveDuplicates();
        Set<String> deleted = new HashSet<>();
        users.stream().filter(u -> u.deleted && !u.uncertain).forEach(u -> deleted.add(u.userName));
        assertThat(rows.userNames())
                .as("users deleted in SCIM are deleted from the Identity Store")
                .doesNotContainAnyElementsOf(deleted);
    }

    /** Nothing left behind: outbox empty, no dead letter, and the whole chain (all replicas' events) verifies. */
    static void outboxEmptyAndAuditVerifies(ChaosCluster c) {
        JsonNode sync = c.admin("/admin/v1/sync");
        assertThat(sync.path("pending").asLong()).isZero();
        assertThat(sync.path("deadLetter").asLong())
                .as("dead letters: " + sync.path("deadLetters"))
                .isZero();
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(c.database.serverArgs());
        KiroCli.Result verify = KiroCli.run(Duration.ofMinutes(3), args.toArray(String[]::new));
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        assertThat(verify.stdout()).contains("audit chain OK");
    }

    /** The emulator never saw more than the cluster budget in any 5 s window. @return the busiest window's count */
    static int withinCallBudget(ChaosCluster c) {
        int busiest = IdentityStoreTap.maxInWindow(c.tap.calls(), Duration.ofSeconds(5));
        assertThat(busiest)
                .as("Identity Store calls in the busiest 5 s window (budget %d/s)", c.rate)
                .isLessThanOrEqualTo(5 * c.rate + 1);
        return busiest;
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    private static <T> T one(Connection db, String sql, String param, Row<T> row) throws java.sql.SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row.read(rs) : null;
            }
        }
    }

    private static int events(Connection db, String type, String subjectId) throws java.sql.SQLException {
        try (PreparedStatement ps =
                db.prepareStatement("select count(*) from audit_event where event_type = ? and subject_id = ?")) {
            ps.setString(1, type);
            ps.setString(2, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
