package dev.kiroscim.core.sync;

/**
 * The Identity Store API calls the sync makes. One constant is one HTTP request to
 * {@code identitystore.<region>.amazonaws.com}, so counting these counts the cost against the 20 TPS budget.
 *
 * <p>Example: {@link IdentityCenterDirectory#removeMembership(String, String)} costs {@link #GET_GROUP_MEMBERSHIP_ID} plus
 * {@link #DELETE_GROUP_MEMBERSHIP}; {@link IdentityCenterDirectory#removeMembershipById(String)} only the latter.
 */
public enum IdentityCenterOperation {
    CREATE_USER("CreateUser"),
    UPDATE_USER("UpdateUser"),
    DELETE_USER("DeleteUser"),
    GET_USER_ID("GetUserId"),
    LIST_USERS("ListUsers"),
    CREATE_GROUP("CreateGroup"),
    GET_GROUP_ID("GetGroupId"),
    CREATE_GROUP_MEMBERSHIP("CreateGroupMembership"),
    GET_GROUP_MEMBERSHIP_ID("GetGroupMembershipId"),
    DELETE_GROUP_MEMBERSHIP("DeleteGroupMembership"),
    LIST_GROUP_MEMBERSHIPS("ListGroupMemberships");

    private final String apiName;

    IdentityCenterOperation(String apiName) {
        this.apiName = apiName;
    }

    /** The API action name, as in the IAM policy ({@code identitystore:CreateUser}) and in CloudTrail. */
    public String apiName() {
        return apiName;
    }
}
