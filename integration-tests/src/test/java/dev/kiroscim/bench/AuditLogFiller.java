package dev.kiroscim.bench;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.persistence.JdbcAuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Appends a realistic, correctly hash-chained audit history straight into a stopped server's database, continuing
 * the chain from {@code audit_chain_head}, so that {@code audit verify} still passes afterwards.
 *
 * <p>Going through the server's own write path would take hours at a million events; this writes the same rows
 * {@code JdbcAuditLog} writes, hashed with the same {@link AuditEvent#chainedTo} the server uses. The history is a
 * directory of {@code events / 20} users and 200 groups over about ten months from 2026-01-01, with the mix of an
 * Okta-fed tenant: profile updates and membership changes dominate, then seat and Identity Center events, with a
 * trickle of failures and admin events. It is deterministic (fixed seed), so every run queries the same log.
 */
final class AuditLogFiller {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int GROUPS = 200;

    /** Event types with their weight in the mix (per mille). */
    private static final Object[][] MIX = {
        {AuditEvents.SCIM_USER_CREATED, 50},
        {AuditEvents.SCIM_USER_UPDATED, 190},
        {AuditEvents.SCIM_USER_DEACTIVATED, 25},
        {AuditEvents.SCIM_USER_REACTIVATED, 5},
        {AuditEvents.SCIM_MEMBERSHIP_ADDED, 150},
        {AuditEvents.SCIM_MEMBERSHIP_REMOVED, 80},
        {AuditEvents.SEAT_ASSIGNED, 100},
        {AuditEvents.SEAT_WAITLISTED, 15},
        {AuditEvents.SEAT_PROMOTED, 10},
        {AuditEvents.SEAT_RELEASED, 60},
        {AuditEvents.IDC_USER_CREATED, 60},
        {AuditEvents.IDC_MEMBERSHIP_ADDED, 130},
        {AuditEvents.IDC_MEMBERSHIP_REMOVED, 100},
        {AuditEvents.IDC_DRIFT_REPAIRED, 10},
        {AuditEvents.IDC_CALL_FAILED, 5},
        {AuditEvents.AUTH_FAILED, 9},
        {AuditEvents.TOKEN_CREATED, 1},
    };

    private static final String[] TIERS = {"Pro", "Pro+", "Power"};

    /** What was written: enough to pick realistic query arguments. */
    record Filled(long firstSeq, long lastSeq, int users, Instant lastAt) {}

    private AuditLogFiller() {}

    static String userId(int i) {
        return UUID.nameUUIDFromBytes(("user-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    static String userName(int i) {
        return "Bench.User" + i + "@Example.com";
    }

    static String groupId(int g) {
        return UUID.nameUUIDFromBytes(("group-" + g).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    static String groupName(int g) {
        return "Kiro-Team-" + g;
    }

    static Filled fill(Connection c, long events) throws SQLException {
        c.setAutoCommit(false);
        long seq;
        String previous;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select last_seq, last_hash from audit_chain_head where id = 1")) {
            rs.next();
            seq = rs.getLong(1);
            previous = rs.getString(2).trim();
        }
        long first = seq + 1;
        int users = (int) Math.max(1000, events / 20);
        int[] cumulative = new int[MIX.length];
        int total = 0;
        for (int i = 0; i < MIX.length; i++) {
            total += (Integer) MIX[i][1];
            cumulative[i] = total;
        }
        SplittableRandom random = new SplittableRandom(42);
        long at = START.toEpochMilli();
        try (PreparedStatement insert = c.prepareStatement(JdbcAuditLog.INSERT)) {
            for (long n = 0; n < events; n++) {
                at += random.nextInt(50_000); // 25 s apart on average: ~290 days for a million events
                int pick = random.nextInt(total);
                int k = 0;
                while (cumulative[k] <= pick) {
                    k++;
                }
                AuditEntry entry = entry((String) MIX[k][0], random, users);
                String type = entry.type();
                String actor = type.startsWith("scim.") ? "okta" : type.startsWith("token.") ? "cli:admin" : "system";
                String requestId = type.startsWith("scim.") ? "req-" + Long.toHexString(random.nextLong()) : null;
                AuditEvent e = new AuditEvent(
                                ++seq,
                                Instant.ofEpochMilli(at),
                                type,
                                actor,
                                entry.subject(),
                                entry.group(),
                                entry.details(),
                                requestId,
                                previous,
                                null)
                        .chainedTo(previous);
                previous = e.hash();
                JdbcAuditLog.bind(insert, e);
                insert.addBatch();
                if (seq % 5000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement head =
                c.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
            head.setLong(1, seq);
            head.setString(2, previous);
            head.executeUpdate();
        }
        c.commit();
        return new Filled(first, seq, users, Instant.ofEpochMilli(at));
    }

    private static AuditEntry entry(String type, SplittableRandom random, int users) {
        int u = random.nextInt(users);
        AuditSubject user = AuditSubject.user(userId(u), userName(u));
        int g = random.nextInt(GROUPS);
        AuditSubject group = AuditSubject.group(groupId(g), groupName(g));
        String tier = TIERS[g % TIERS.length];
        String storeId = "9067" + Integer.toHexString(u) + "-idstore";
        Map<String, Object> d = new LinkedHashMap<>();
        return switch (type) {
            case AuditEvents.SCIM_USER_CREATED -> {
                d.put("userName", user.name());
                d.put("externalId", "00u" + u);
                d.put("displayName", "Bench User " + u);
                d.put("active", true);
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.SCIM_USER_UPDATED -> {
                d.put("title", Map.of("before", "Engineer", "after", "Senior Engineer"));
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.SCIM_USER_DEACTIVATED, AuditEvents.SCIM_USER_REACTIVATED -> {
                boolean off = type.equals(AuditEvents.SCIM_USER_DEACTIVATED);
                d.put("active", Map.of("before", off, "after", !off));
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.SCIM_MEMBERSHIP_ADDED, AuditEvents.SCIM_MEMBERSHIP_REMOVED ->
                new AuditEntry(type, user, group, d);
            case AuditEvents.SEAT_ASSIGNED,
                    AuditEvents.SEAT_WAITLISTED,
                    AuditEvents.SEAT_PROMOTED,
                    AuditEvents.SEAT_RELEASED -> {
                d.put("pool", groupName(g).toLowerCase(Locale.ROOT));
                d.put("tier", tier);
                d.put("reason", type.equals(AuditEvents.SEAT_RELEASED) ? "deactivated" : "member of " + groupName(g));
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.IDC_USER_CREATED -> {
                d.put("identityStoreUserId", storeId);
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.IDC_MEMBERSHIP_ADDED,
                    AuditEvents.IDC_MEMBERSHIP_REMOVED,
                    AuditEvents.IDC_DRIFT_REPAIRED -> {
                d.put("identityStoreUserId", storeId);
                d.put("identityCenterGroup", "Kiro-" + tier);
                d.put("tier", tier);
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.IDC_CALL_FAILED -> {
                d.put("operation", "CreateGroupMembership");
                d.put("awsRequestId", UUID.randomUUID().toString());
                d.put("error", "ThrottlingException: Rate exceeded");
                yield new AuditEntry(type, user, null, d);
            }
            case AuditEvents.AUTH_FAILED -> {
                d.put("reason", "unknown token");
                yield new AuditEntry(type, AuditSubject.client("10.0." + (u % 256) + "." + (g % 256)), null, d);
            }
            default -> {
                d.put("scope", "admin");
                yield new AuditEntry(type, AuditSubject.token("token-" + u), null, d);
            }
        };
    }
}
