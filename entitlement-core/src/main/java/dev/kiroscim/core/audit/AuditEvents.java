package dev.kiroscim.core.audit;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.Actor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit vocabulary: every event type the bridge writes, and a factory per type so that callers never spell a
 * type or a detail key by hand. Example, inside a write transaction:
 * <pre>{@code
 * tx.audit().append(ctx, AuditEvents.seatReleased(AuditSubject.user(user), "Kiro-Developers", "PRO", "deactivated"));
 * }</pre>
 * Detail keys are fixed per type (see {@code docs/audit.md}); changed attributes are {@code {"before":…,"after":…}}.
 * Secrets (token values, passwords) are never details.
 */
public final class AuditEvents {

    public static final String SCIM_USER_CREATED = "scim.user.created";
    public static final String SCIM_USER_UPDATED = "scim.user.updated";
    public static final String SCIM_USER_DEACTIVATED = "scim.user.deactivated";
    public static final String SCIM_USER_REACTIVATED = "scim.user.reactivated";
    public static final String SCIM_USER_DELETED = "scim.user.deleted";
    public static final String SCIM_GROUP_CREATED = "scim.group.created";
    public static final String SCIM_GROUP_RENAMED = "scim.group.renamed";
    /** A group attribute other than displayName changed (e.g. externalId). */
    public static final String SCIM_GROUP_UPDATED = "scim.group.updated";

    public static final String SCIM_GROUP_DELETED = "scim.group.deleted";
    public static final String SCIM_MEMBERSHIP_ADDED = "scim.membership.added";
    public static final String SCIM_MEMBERSHIP_REMOVED = "scim.membership.removed";

    public static final String SEAT_ASSIGNED = "seat.assigned";
    public static final String SEAT_WAITLISTED = "seat.waitlisted";
    public static final String SEAT_PROMOTED = "seat.promoted";
    public static final String SEAT_RELEASED = "seat.released";
    public static final String SEAT_EXPIRED = "seat.expired";
    /** An idle seat freed by the pool's reclaim policy, with the evidence (last activity, days idle). */
    public static final String SEAT_RECLAIMED = "seat.reclaimed";
    /**
     * A pool's or tier's {@code monthlyBudgetUsd} refused its first grant of the month (once per scope and month);
     * notifications subscribe to this type by name.
     */
    public static final String BUDGET_EXHAUSTED = "budget.exhausted";

    public static final String IDC_USER_CREATED = "idc.user.created";
    public static final String IDC_USER_UPDATED = "idc.user.updated";
    public static final String IDC_USER_ADOPTED = "idc.user.adopted";
    public static final String IDC_USER_DELETED = "idc.user.deleted";
    public static final String IDC_MEMBERSHIP_ADDED = "idc.membership.added";
    public static final String IDC_MEMBERSHIP_REMOVED = "idc.membership.removed";
    public static final String IDC_DRIFT_REPAIRED = "idc.drift.repaired";
    public static final String IDC_CALL_FAILED = "idc.call.failed";

    public static final String TOKEN_CREATED = "token.created";
    public static final String TOKEN_REVOKED = "token.revoked";
    /** A token got a new secret; the old one stays valid until {@code graceEnds}. */
    public static final String TOKEN_ROTATED = "token.rotated";

    public static final String POLICY_LOADED = "policy.loaded";
    public static final String POLICY_REJECTED = "policy.rejected";
    public static final String AUTH_FAILED = "auth.failed";
    /** A client was answered 429: its token's rate limit, or the failed-authentication backoff of its address. */
    public static final String AUTH_THROTTLED = "auth.throttled";
    /** An admin asked for something that has no event of its own (policy reload, sync retry, reconcile). */
    public static final String ADMIN_ACTION = "admin.action";
    /** Retention removed old events; the chain continues from the checkpoint. */
    public static final String AUDIT_PRUNED = "audit.pruned";
    /** Browser console (subject kind {@code person}): sign-in, sign-out, and each state-changing request it made. */
    public static final String CONSOLE_SIGNED_IN = "console.signed-in";

    public static final String CONSOLE_SIGNED_OUT = "console.signed-out";
    public static final String CONSOLE_ACTION = "console.action";
    /** Single sign-on worked at the IdP but the person is in neither console group (or the IdP's answer failed checks). */
    public static final String CONSOLE_SIGN_IN_REFUSED = "console.sign-in-refused";

    /** A user's Identity Center work failed for good and is parked (see {@code /admin/v1/sync}). */
    public static final String SYNC_DEAD_LETTERED = "sync.deadLettered";
    /** Derived (notification job): a pool's holders reached the configured share of its cap. */
    public static final String POOL_NEARLY_FULL = "pool.nearlyFull";
    /** Derived (notification job): a grant ends ({@code maxGrant}) within the configured number of days. */
    public static final String GRANT_EXPIRING_SOON = "grant.expiringSoon";
    /** Derived (notification job): an API token expires within the configured number of days. */
    public static final String TOKEN_EXPIRING_SOON = "token.expiringSoon";

    /** Every type, in catalogue order. */
    public static final List<String> TYPES = List.of(
            SCIM_USER_CREATED,
            SCIM_USER_UPDATED,
            SCIM_USER_DEACTIVATED,
            SCIM_USER_REACTIVATED,
            SCIM_USER_DELETED,
            SCIM_GROUP_CREATED,
            SCIM_GROUP_RENAMED,
            SCIM_GROUP_UPDATED,
            SCIM_GROUP_DELETED,
            SCIM_MEMBERSHIP_ADDED,
            SCIM_MEMBERSHIP_REMOVED,
            SEAT_ASSIGNED,
            SEAT_WAITLISTED,
            SEAT_PROMOTED,
            SEAT_RELEASED,
            SEAT_EXPIRED,
            SEAT_RECLAIMED,
            BUDGET_EXHAUSTED,
            IDC_USER_CREATED,
            IDC_USER_UPDATED,
            IDC_USER_ADOPTED,
            IDC_USER_DELETED,
            IDC_MEMBERSHIP_ADDED,
            IDC_MEMBERSHIP_REMOVED,
            IDC_DRIFT_REPAIRED,
            IDC_CALL_FAILED,
            TOKEN_CREATED,
            TOKEN_REVOKED,
            POLICY_LOADED,
            POLICY_REJECTED,
            AUTH_FAILED,
            AUDIT_PRUNED,
            TOKEN_ROTATED,
            AUTH_THROTTLED,
            ADMIN_ACTION,
            CONSOLE_SIGNED_IN,
            CONSOLE_SIGNED_OUT,
            CONSOLE_ACTION,
            CONSOLE_SIGN_IN_REFUSED,
            SYNC_DEAD_LETTERED,
            POOL_NEARLY_FULL,
            GRANT_EXPIRING_SOON,
            TOKEN_EXPIRING_SOON);

    private static final Set<String> KNOWN = Set.copyOf(TYPES);

    private AuditEvents() {}

    public static boolean isKnownType(String type) {
        return type != null && KNOWN.contains(type);
    }

    /**
     * The types a {@code type=} filter selects: an exact type, or every type under a dotted prefix.
     * {@code "seat."} and {@code "seat"} both give the six {@code seat.*} types; {@code "scim.user"} the five
     * user types; {@code "sea"} nothing (prefixes end at a dot).
     */
    public static List<String> typesMatching(String filter) {
        if (filter == null || filter.isBlank()) {
            return TYPES;
        }
        String f = filter.trim();
        String prefix = f.endsWith(".") ? f : f + ".";
        return TYPES.stream().filter(t -> t.equals(f) || t.startsWith(prefix)).toList();
    }

    // --- SCIM ----------------------------------------------------------------------------------------------------

    public static AuditEntry userCreated(UserRecord user) {
        return entry(
                SCIM_USER_CREATED,
                AuditSubject.user(user),
                null,
                details(
                        "userName",
                        user.userName(),
                        "externalId",
                        user.externalId(),
                        "displayName",
                        user.displayName(),
                        "active",
                        user.active()));
    }

    /** Attribute changes other than {@code active}; {@code changes} from {@link AttributeChanges#between}. */
    public static AuditEntry userUpdated(UserRecord after, Map<String, Object> changes) {
        return entry(SCIM_USER_UPDATED, AuditSubject.user(after), null, changes);
    }

    public static AuditEntry userDeactivated(UserRecord after) {
        return entry(
                SCIM_USER_DEACTIVATED,
                AuditSubject.user(after),
                null,
                details("active", AttributeChanges.change(true, false)));
    }

    public static AuditEntry userReactivated(UserRecord after) {
        return entry(
                SCIM_USER_REACTIVATED,
                AuditSubject.user(after),
                null,
                details("active", AttributeChanges.change(false, true)));
    }

    public static AuditEntry userDeleted(UserRecord user, List<String> formerGroupIds) {
        return entry(
                SCIM_USER_DELETED,
                AuditSubject.user(user),
                null,
                details("active", user.active(), "formerGroupIds", List.copyOf(formerGroupIds)));
    }

    public static AuditEntry groupCreated(GroupRecord group) {
        return groupEntry(
                SCIM_GROUP_CREATED,
                group,
                details("displayName", group.displayName(), "externalId", group.externalId()));
    }

    public static AuditEntry groupRenamed(GroupRecord before, GroupRecord after) {
        return groupEntry(
                SCIM_GROUP_RENAMED,
                after,
                details("displayName", AttributeChanges.change(before.displayName(), after.displayName())));
    }

    public static AuditEntry groupUpdated(GroupRecord before, GroupRecord after) {
        return groupEntry(
                SCIM_GROUP_UPDATED,
                after,
                details("externalId", AttributeChanges.change(before.externalId(), after.externalId())));
    }

    public static AuditEntry groupDeleted(GroupRecord group, int formerMemberCount) {
        return groupEntry(SCIM_GROUP_DELETED, group, details("formerMemberCount", formerMemberCount));
    }

    /** One event per member: the subject is the user, the group is where they joined. */
    public static AuditEntry membershipAdded(AuditSubject user, GroupRecord group) {
        return entry(SCIM_MEMBERSHIP_ADDED, user, AuditSubject.group(group), Map.of());
    }

    public static AuditEntry membershipRemoved(AuditSubject user, GroupRecord group) {
        return entry(SCIM_MEMBERSHIP_REMOVED, user, AuditSubject.group(group), Map.of());
    }

    // --- seats (subject: the SCIM user; pool: the pool's group; tier: the policy's tier name) ---------------------

    public static AuditEntry seatAssigned(AuditSubject user, String pool, String tier, String reason) {
        return seat(SEAT_ASSIGNED, user, pool, tier, reason);
    }

    /** Add the queue position with {@code .with("position", 3)}. */
    public static AuditEntry seatWaitlisted(AuditSubject user, String pool, String tier, String reason) {
        return seat(SEAT_WAITLISTED, user, pool, tier, reason);
    }

    /** A waiting user got a seat (from the waitlist, or moved up to a higher tier). */
    public static AuditEntry seatPromoted(AuditSubject user, String pool, String tier, String reason) {
        return seat(SEAT_PROMOTED, user, pool, tier, reason);
    }

    /** e.g. reason {@code deactivated}, {@code deleted}, {@code left-group}, {@code moved-up}, {@code policy}. */
    public static AuditEntry seatReleased(AuditSubject user, String pool, String tier, String reason) {
        return seat(SEAT_RELEASED, user, pool, tier, reason);
    }

    /** The grant reached {@code maxGrant}; the seat is free from this event on. */
    public static AuditEntry seatExpired(AuditSubject user, String pool, String tier, String reason) {
        return seat(SEAT_EXPIRED, user, pool, tier, reason);
    }

    /** {@code lastActivity}: ISO date or null (no activity since the grant); {@code daysIdle}: as counted from the report. */
    public static AuditEntry seatReclaimed(
            AuditSubject user, String pool, String tier, String reason, String lastActivity, long daysIdle) {
        return seat(SEAT_RECLAIMED, user, pool, tier, reason)
                .with("lastActivity", lastActivity)
                .with("daysIdle", daysIdle);
    }

    private static AuditEntry seat(String type, AuditSubject user, String pool, String tier, String reason) {
        return entry(type, user, null, details("pool", pool, "tier", tier, "reason", reason));
    }

    // --- budgets (subject: the budget, kind {@code budget}, id {@code pool:Kiro-Platform} or {@code tier:POWER}) -----

    /**
     * e.g. {@code {"pool":"Kiro-Platform","month":"2026-12","budgetUsd":"400.00","spentUsd":"400.00",
     * "nextMonthStarts":"2027-01-01"}}; a tier's budget has {@code "tier"} instead of {@code "pool"}. Amounts are
     * strings with two decimals (the canonical JSON has no decimals).
     */
    public static AuditEntry budgetExhausted(
            String scopeKind,
            String scopeName,
            String month,
            String budgetUsd,
            String spentUsd,
            String nextMonthStarts) {
        return entry(
                BUDGET_EXHAUSTED,
                AuditSubject.budget(scopeKind, scopeName),
                null,
                details(
                        scopeKind,
                        scopeName,
                        "month",
                        month,
                        "budgetUsd",
                        budgetUsd,
                        "spentUsd",
                        spentUsd,
                        "nextMonthStarts",
                        nextMonthStarts));
    }

    // --- Identity Center (subject: the SCIM user) ----------------------------------------------------------------

    public static AuditEntry identityCenterUserCreated(AuditSubject user, String identityStoreUserId) {
        return entry(IDC_USER_CREATED, user, null, details("identityStoreUserId", identityStoreUserId));
    }

    /** {@code changes}: attribute → {@link AttributeChanges#change(Object, Object)}. */
    public static AuditEntry identityCenterUserUpdated(
            AuditSubject user, String identityStoreUserId, Map<String, Object> changes) {
        return entry(
                IDC_USER_UPDATED, user, null, details("identityStoreUserId", identityStoreUserId, "changes", changes));
    }

    /** An Identity Store user with the same userName existed already and is now managed by the bridge. */
    public static AuditEntry identityCenterUserAdopted(AuditSubject user, String identityStoreUserId) {
        return entry(IDC_USER_ADOPTED, user, null, details("identityStoreUserId", identityStoreUserId));
    }

    public static AuditEntry identityCenterUserDeleted(AuditSubject user, String identityStoreUserId) {
        return entry(IDC_USER_DELETED, user, null, details("identityStoreUserId", identityStoreUserId));
    }

    public static AuditEntry identityCenterMembershipAdded(
            AuditSubject user, String identityStoreUserId, String identityCenterGroup, String tier) {
        return identityCenterMembership(IDC_MEMBERSHIP_ADDED, user, identityStoreUserId, identityCenterGroup, tier);
    }

    public static AuditEntry identityCenterMembershipRemoved(
            AuditSubject user, String identityStoreUserId, String identityCenterGroup, String tier) {
        return identityCenterMembership(IDC_MEMBERSHIP_REMOVED, user, identityStoreUserId, identityCenterGroup, tier);
    }

    /** Added and removed record the same facts: which Identity Store user, which Identity Center group, which tier. */
    private static AuditEntry identityCenterMembership(
            String type, AuditSubject user, String identityStoreUserId, String identityCenterGroup, String tier) {
        return entry(
                type,
                user,
                null,
                details(
                        "identityStoreUserId",
                        identityStoreUserId,
                        "identityCenterGroup",
                        identityCenterGroup,
                        "tier",
                        tier));
    }

    /** The reconciler found Identity Center differing from the desired state ({@code drift}) and fixed it. */
    public static AuditEntry identityCenterDriftRepaired(AuditSubject user, String drift, String repair) {
        return entry(IDC_DRIFT_REPAIRED, user, null, details("drift", drift, "repair", repair));
    }

    /** @param awsRequestId the {@code x-amzn-RequestId} of the failed call, for AWS support; may be null */
    public static AuditEntry identityCenterCallFailed(
            AuditSubject subject, String operation, String awsRequestId, String error) {
        return entry(
                IDC_CALL_FAILED,
                subject,
                null,
                details("operation", operation, "awsRequestId", awsRequestId, "error", error));
    }

    // --- admin ---------------------------------------------------------------------------------------------------

    /** Never the secret: only the name and scope. */
    public static AuditEntry tokenCreated(String name, String scope) {
        return entry(TOKEN_CREATED, AuditSubject.token(name), null, details("scope", scope));
    }

    /**
     * Never the secret. {@code expires} null = no expiry; {@code allowFrom} empty = anywhere; the actor's kind and
     * source address come from {@code by}.
     */
    public static AuditEntry tokenCreated(
            String name, String scope, java.time.Instant expires, List<String> allowFrom, Actor by) {
        Map<String, Object> d = details(
                "scope",
                scope,
                "expires",
                expires == null ? null : expires.toString(),
                "allowFrom",
                List.copyOf(allowFrom));
        d.putAll(by.auditDetails());
        return entry(TOKEN_CREATED, AuditSubject.token(name), null, d);
    }

    /** @param graceEnds when the previous secret stops working; {@code expires} of the new secret (null = never) */
    public static AuditEntry tokenRotated(
            String name, java.time.Instant graceEnds, java.time.Instant expires, Actor by) {
        Map<String, Object> d =
                details("graceEnds", graceEnds.toString(), "expires", expires == null ? null : expires.toString());
        d.putAll(by.auditDetails());
        return entry(TOKEN_ROTATED, AuditSubject.token(name), null, d);
    }

    public static AuditEntry tokenRevoked(String name) {
        return entry(TOKEN_REVOKED, AuditSubject.token(name), null, Map.of());
    }

    public static AuditEntry tokenRevoked(String name, Actor by) {
        return entry(TOKEN_REVOKED, AuditSubject.token(name), null, by.auditDetails());
    }

    /**
     * @param action  e.g. {@code policy.reload}, {@code sync.retry}, {@code sync.reconcile}
     * @param outcome what it did, in a few words or numbers (canonical-JSON values)
     */
    public static AuditEntry adminAction(String action, Actor by, Map<String, Object> outcome) {
        Map<String, Object> d = details("action", action, "outcome", outcome);
        d.putAll(by.auditDetails());
        return entry(ADMIN_ACTION, new AuditSubject(AuditSubject.ADMIN, action, action), null, d);
    }

    /**
     * @param source        where the policy came from (file path, {@code built-in})
     * @param contentSha256 hex SHA-256 of the policy file, so two loads can be told apart
     * @param changes       what changed against the previous policy, e.g. {@code "pools.Kiro-Platform.seats":{"before":20,"after":30}}
     */
    public static AuditEntry policyLoaded(String source, String contentSha256, Map<String, Object> changes) {
        return entry(
                POLICY_LOADED,
                AuditSubject.policy(source),
                null,
                details("contentSha256", contentSha256, "changes", changes));
    }

    public static AuditEntry policyRejected(String source, String contentSha256, String reason) {
        return entry(
                POLICY_REJECTED,
                AuditSubject.policy(source),
                null,
                details("contentSha256", contentSha256, "reason", reason));
    }

    /** @param suppressedBefore failures from this address not written since the previous event (rate limit) */
    public static AuditEntry authFailed(String clientAddress, String reason, long suppressedBefore) {
        return entry(
                AUTH_FAILED,
                AuditSubject.client(clientAddress),
                null,
                details("reason", reason, "suppressedBefore", suppressedBefore));
    }

    /**
     * @param reason           {@code rate-limit} (the token's requests per second) or {@code auth-backoff} (too many
     *                         failed authentications from the address)
     * @param tokenName        the token for {@code rate-limit}, else null
     * @param suppressedBefore throttled requests of this subject not written since the previous event
     */
    public static AuditEntry authThrottled(
            String clientAddress, String reason, String tokenName, long retryAfterSeconds, long suppressedBefore) {
        return entry(
                AUTH_THROTTLED,
                tokenName != null ? AuditSubject.token(tokenName) : AuditSubject.client(clientAddress),
                null,
                details(
                        "reason",
                        reason,
                        "sourceIp",
                        clientAddress,
                        "retryAfterSeconds",
                        retryAfterSeconds,
                        "suppressedBefore",
                        suppressedBefore));
    }

    public static AuditEntry auditPruned(long firstKeptSeq, long prunedCount, String olderThan) {
        return entry(
                AUDIT_PRUNED,
                new AuditSubject("audit", null, null),
                null,
                details("firstKeptSeq", firstKeptSeq, "prunedCount", prunedCount, "olderThan", olderThan));
    }

    // --- notifications (dead letters and the derived events of core.notify.service.DerivedEvents)
    // -------------------------

    /** @param attempts failed attempts before parking; @param error the last one (never a secret) */
    public static AuditEntry syncDeadLettered(AuditSubject user, int attempts, String error) {
        return entry(SYNC_DEAD_LETTERED, user, null, details("attempts", attempts, "error", error));
    }

    /**
     * Subject kind {@code pool}, id and name the pool's group. Example details:
     * {@code {"tier":"PRO_PLUS","seats":20,"assigned":18,"waitlisted":0,"thresholdPercent":90}}.
     */
    public static AuditEntry poolNearlyFull(
            String pool, String tier, int seats, int assigned, int waitlisted, int thresholdPercent) {
        return entry(
                POOL_NEARLY_FULL,
                new AuditSubject(AuditSubject.POOL, pool, pool),
                null,
                details(
                        "tier",
                        tier,
                        "seats",
                        seats,
                        "assigned",
                        assigned,
                        "waitlisted",
                        waitlisted,
                        "thresholdPercent",
                        thresholdPercent));
    }

    /** @param expiresAt when the seat is freed (ISO instant); @param daysLeft whole days from the job's run */
    public static AuditEntry grantExpiringSoon(
            AuditSubject user, String pool, String tier, java.time.Instant expiresAt, long daysLeft) {
        return entry(
                GRANT_EXPIRING_SOON,
                user,
                null,
                details("pool", pool, "tier", tier, "expiresAt", expiresAt.toString(), "daysLeft", daysLeft));
    }

    /** Never the secret: the token's name, scope and expiry. */
    public static AuditEntry tokenExpiringSoon(String name, String scope, java.time.Instant expires, long daysLeft) {
        return entry(
                TOKEN_EXPIRING_SOON,
                AuditSubject.token(name),
                null,
                details("scope", scope, "expires", expires.toString(), "daysLeft", daysLeft));
    }

    /**
     * The downstream service's token expires soon: IAM Identity Center's SCIM token, whose expiry the operator copies
     * into {@code identityCenter.scimTokenExpires} (the service does not tell). Same type as an API token's, so one
     * webhook selector covers both; the subject kind ({@link AuditSubject#DOWNSTREAM}) tells them apart.
     */
    public static AuditEntry downstreamTokenExpiringSoon(java.time.Instant expires, long daysLeft) {
        return entry(
                TOKEN_EXPIRING_SOON,
                AuditSubject.downstream("identityCenter", "IAM Identity Center SCIM token"),
                null,
                details("downstream", "identityCenter.scim", "expires", expires.toString(), "daysLeft", daysLeft));
    }

    // --- console (subject: the signed-in person) -------------------------------------------------------------------

    /** @param via {@code token} or {@code oidc}; @param role {@code admin} or {@code read-only} */
    public static AuditEntry consoleSignedIn(String person, String via, String role) {
        return entry(CONSOLE_SIGNED_IN, person(person), null, details("via", via, "role", role));
    }

    /** @param reason {@code signed-out} or {@code idle} */
    public static AuditEntry consoleSignedOut(String person, String reason) {
        return entry(CONSOLE_SIGNED_OUT, person(person), null, details("reason", reason));
    }

    /** A state-changing admin request made from the console, allowed or refused ({@code status}). */
    public static AuditEntry consoleAction(String person, String method, String path, int status) {
        return entry(CONSOLE_ACTION, person(person), null, details("method", method, "path", path, "status", status));
    }

    public static AuditEntry consoleSignInRefused(String person, String via, String reason) {
        return entry(CONSOLE_SIGN_IN_REFUSED, person(person), null, details("via", via, "reason", reason));
    }

    private static AuditSubject person(String person) {
        return new AuditSubject("person", person, person);
    }

    /** A change to the group itself: the group is both the subject and the group whose history lists it. */
    private static AuditEntry groupEntry(String type, GroupRecord group, Map<String, Object> details) {
        return entry(type, AuditSubject.group(group), AuditSubject.group(group), details);
    }

    private static AuditEntry entry(
            String type, AuditSubject subject, AuditSubject group, Map<String, Object> details) {
        return new AuditEntry(type, subject, group, details);
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
