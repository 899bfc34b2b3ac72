package dev.kiroscim.core.sync.engine;

/**
 * One Identity Store call a reconcile would make, e.g.
 * {@code CreateGroupMembership  kiro-power  bjensen@example.com  "seat POWER"}.
 *
 * @param operation  the API action ({@code identitystore:<operation>} in IAM terms)
 * @param target     what it acts on, readable: a userName, a group displayName, or both
 * @param scimUserId the SCIM user it is for, or {@code null} for a group or a user we do not manage
 */
public record PlannedCall(String operation, String target, String scimUserId) {}
