package dev.kiroscim.core.audit;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;

/**
 * What an event is about, as it was named at the time: a SCIM user (id, userName), a SCIM group (id,
 * displayName), an API token (its name twice), the policy, or a client address for {@code auth.failed}.
 *
 * <p>For {@code seat.*} and {@code identityCenter.*} events the subject is always the SCIM user, so that one query by
 * {@code userId} returns a user's whole story; Identity Center ids go into the details.
 *
 * @param kind one of {@link #USER}, {@link #GROUP}, {@link #TOKEN}, {@link #POLICY}, {@link #CLIENT}
 * @param id   a stable id (SCIM id, token name, policy source, client address); may be null for the policy
 * @param name the human name at the time (userName, displayName, token name); may be null
 */
public record AuditSubject(String kind, String id, String name) {

    public static final String USER = "user";
    public static final String GROUP = "group";
    public static final String TOKEN = "token";
    public static final String POLICY = "policy";
    public static final String CLIENT = "client";
    /** An admin action ({@code admin.action}): id and name are the action, e.g. {@code policy.reload}. */
    public static final String ADMIN = "admin";
    /** A {@code monthlyBudgetUsd} ({@code budget.exhausted}): id {@code pool:<group>} or {@code tier:<name>}, name the group or tier. */
    public static final String BUDGET = "budget";
    /** A seat pool ({@code pool.nearlyFull}): id and name are the pool's group. */
    public static final String POOL = "pool";
    /**
     * The downstream service's credential ({@code token.expiringSoon} for IAM Identity Center's SCIM token): id
     * {@code identityCenter}, name {@code IAM Identity Center SCIM token}. Not {@link #TOKEN}, which is the bridge's own
     * API tokens.
     */
    public static final String DOWNSTREAM = "downstream";

    public AuditSubject {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("subject kind is required");
        }
    }

    public static AuditSubject user(String scimUserId, String userName) {
        return new AuditSubject(USER, scimUserId, userName);
    }

    public static AuditSubject user(UserRecord user) {
        return user(user.id(), user.userName());
    }

    public static AuditSubject group(String scimGroupId, String displayName) {
        return new AuditSubject(GROUP, scimGroupId, displayName);
    }

    public static AuditSubject group(GroupRecord group) {
        return group(group.id(), group.displayName());
    }

    public static AuditSubject token(String name) {
        return new AuditSubject(TOKEN, name, name);
    }

    /** The downstream service's credential, e.g. {@code downstream("identityCenter", "IAM Identity Center SCIM token")}. */
    public static AuditSubject downstream(String id, String name) {
        return new AuditSubject(DOWNSTREAM, id, name);
    }

    public static AuditSubject policy(String source) {
        return new AuditSubject(POLICY, source, source);
    }

    /** @param scopeKind {@code pool} or {@code tier} */
    public static AuditSubject budget(String scopeKind, String scopeName) {
        return new AuditSubject(BUDGET, scopeKind + ":" + scopeName, scopeName);
    }

    public static AuditSubject client(String address) {
        return new AuditSubject(CLIENT, address, address);
    }
}
