package dev.kiroscim.core.sync;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The domain's view of the AWS IAM Identity Center Identity Store: the calls the sync needs and nothing else.
 *
 * <p>Cost rule: every method makes exactly one Identity Store API call (named in its Javadoc), except
 * {@link #removeMembership(String, String)} (two) and the page streams (one per page pulled). That keeps
 * "one call per membership change" checkable with a call counter.
 *
 * <p>Failures are {@link IdentityCenterException}s; the methods below say which outcomes are not failures.
 * Implementations do not retry: the outbox worker owns retries and backoff.
 *
 * <p>Example, adding a new user to the Pro tier group:
 * <pre>{@code
 * String userId = store.findUserIdByUserName("bjensen@example.com")     // adopt instead of duplicating
 *         .orElseGet(() -> store.createUser(profile));
 * store.addMembership(proGroupId, userId);                              // Added or AlreadyMember
 * }</pre>
 */
public interface IdentityCenterDirectory {

    /** The largest page the service returns ({@code MaxResults} 1..100). */
    int MAX_PAGE_SIZE = 100;

    /**
     * CreateUser.
     *
     * @return the new {@code UserId}
     * @throws IdentityCenterConflict when the userName or email is taken: look it up and adopt
     */
    String createUser(IdentityCenterUserProfile profile);

    /**
     * UpdateUser with one operation per change; no call at all when {@code changes} is empty.
     *
     * @throws IdentityCenterNotFound when the user is gone
     * @throws IdentityCenterConflict when the new userName or email is taken
     */
    void updateUser(String userId, List<IdentityCenterUserChange> changes);

    /**
     * DeleteUser. The service also deletes the user's memberships and Kiro cancels their subscription.
     *
     * @return {@code true} if deleted now, {@code false} if it did not exist (idempotent: that is done too)
     */
    boolean deleteUser(String userId);

    /** GetUserId with {@code UniqueAttribute{userName}}; empty when no such user. */
    Optional<String> findUserIdByUserName(String userName);

    /** GetGroupId with {@code UniqueAttribute{displayName}}; empty when no such group. */
    Optional<String> findGroupIdByDisplayName(String displayName);

    /**
     * CreateGroup.
     *
     * @return the new {@code GroupId}
     * @throws IdentityCenterConflict when the displayName is taken: look it up and adopt
     */
    String createGroup(String displayName);

    /**
     * CreateGroupMembership. A uniqueness conflict (already a member) is returned as
     * {@link AddMembershipResult.AlreadyMember}, not thrown.
     *
     * @throws IdentityCenterNotFound when the group or user does not exist
     */
    AddMembershipResult addMembership(String groupId, String userId);

    /**
     * GetGroupMembershipId, then DeleteGroupMembership (two calls; prefer {@link #removeMembershipById} when the
     * membership id is known from a listing).
     *
     * @return {@code true} if removed now, {@code false} if the user was not a member (or the group is gone)
     */
    boolean removeMembership(String groupId, String userId);

    /**
     * DeleteGroupMembership.
     *
     * @return {@code true} if removed now, {@code false} if the membership did not exist
     */
    boolean removeMembershipById(String membershipId);

    /**
     * ListGroupMemberships, lazily: each element of the stream is one page and costs one call when pulled.
     * Nothing is called before the stream is consumed. An implementation that needs several calls per page (the
     * SCIM adapter checks each user with its own request) yields one element per call, empty if need be, so that
     * counting elements counts calls ({@code plan}'s {@code readCalls}).
     */
    Stream<List<IdentityCenterMembership>> groupMembershipPages(String groupId);

    /** ListUsers, lazily, one page (one call) per stream element. */
    Stream<List<IdentityCenterUser>> userPages();

    /**
     * What this directory writes to, for {@code GET /admin/v1/sync}: {@code identity-store-api} (the default) or
     * {@code scim}. Never a secret.
     */
    default String kind() {
        return "identity-store-api";
    }

    /** The endpoint it sends to, if worth showing (the SCIM base URL); never a token. */
    default Optional<String> endpoint() {
        return Optional.empty();
    }

    /**
     * Why nothing may be sent until an operator acts, or empty. Example: the SCIM endpoint answered 401 because its
     * token expired or was rotated; the worker then claims nothing (the outbox keeps the work) until the adapter reads
     * a new token. The default never pauses.
     */
    default Optional<String> pausedBecause() {
        return Optional.empty();
    }
}
