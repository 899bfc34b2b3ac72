package dev.kiroscim.adapter.scim;

import dev.kiroscim.core.sync.IdentityCenterOperation;

/**
 * The SCIM request {@link ScimDirectory} sends for a planned call, for {@code plan} and {@code /admin/v1/sync/plan}
 * in {@code mode: scim}: method, path and a body summary. Ids the plan cannot know are written as
 * {@code {id of <name>}}.
 *
 * <pre>{@code
 * describe("CreateGroupMembership", "kiro-pro + bjensen@example.com")
 *   -> PATCH /Groups/{id of kiro-pro} {"Operations":[{"op":"add","path":"members","value":[{id of bjensen@example.com}]}]} (1 member change of at most 100)
 * describe("CreateUser", "bjensen@example.com")
 *   -> POST /Users {userName:"bjensen@example.com", displayName, name.givenName, name.familyName, emails:[1, primary]}
 * }</pre>
 */
public final class ScimPlanRequests {

    private ScimPlanRequests() {}

    /**
     * @param operation the planned call's {@link IdentityCenterOperation#apiName()}
     * @param target    the planned call's target: a userName, a group name, {@code "group + user"}, {@code "group - user"}
     *                  or {@code "userName [paths]"}
     */
    public static String describe(String operation, String target) {
        String[] pair = split(target);
        return switch (operation) {
            case "CreateUser" ->
                "POST /Users {userName:" + ScimDirectory.quoted(target)
                        + ", displayName, name.givenName, name.familyName, emails:[at most 1, primary], active:true}";
            case "UpdateUser" -> {
                int bracket = target.lastIndexOf(" [");
                String user = bracket < 0 ? target : target.substring(0, bracket);
                String paths = bracket < 0 ? "" : target.substring(bracket + 2, target.length() - 1);
                yield "PATCH /Users/{id of " + user + "} {Operations: replace or remove " + paths + "}";
            }
            case "DeleteUser" -> "DELETE /Users/{id of " + target + "}";
            case "GetUserId" -> "GET /Users?filter=userName eq " + ScimDirectory.quoted(target);
            case "GetGroupId" -> "GET /Groups?filter=displayName eq " + ScimDirectory.quoted(target);
            case "CreateGroup" -> "POST /Groups {displayName:" + ScimDirectory.quoted(target) + "}";
            case "CreateGroupMembership" -> memberPatch("add", pair);
            case "GetGroupMembershipId" ->
                "GET /Groups?filter=id eq \"{id of " + pair[0] + "}\" and members eq \"{id of " + pair[1] + "}\"";
            case "DeleteGroupMembership" -> memberPatch("remove", pair);
            default -> operation + " " + target;
        };
    }

    private static String memberPatch(String op, String[] groupAndUser) {
        return "PATCH /Groups/{id of " + groupAndUser[0] + "} {Operations:[{op:\"" + op
                + "\", path:\"members\", value:[{id of " + groupAndUser[1] + "}]}]} (1 member change of at most 100)";
    }

    /** {@code "kiro-pro + ann"} or {@code "kiro-pro - ann"} into group and user; the whole target twice otherwise. */
    private static String[] split(String target) {
        for (String separator : new String[] {" + ", " - "}) {
            int at = target.indexOf(separator);
            if (at > 0) {
                return new String[] {target.substring(0, at), target.substring(at + separator.length())};
            }
        }
        return new String[] {target, target};
    }
}
