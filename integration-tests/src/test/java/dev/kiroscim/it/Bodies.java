package dev.kiroscim.it;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Request bodies shaped like what Okta and Entra send (docs/idp-quirks.md §I10, "Okta"), plus unique names. */
public final class Bodies {

    public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String SEARCH_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Bodies() {}

    /** 8 random hex characters, to keep names unique on a server shared by many tests. */
    public static String unique() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code prefix-<unique>@example.com} */
    public static String uniqueUserName(String prefix) {
        return prefix + "-" + unique() + "@example.com";
    }

    /** An Okta-style user: name, work email = userName, displayName, active. */
    public static ObjectNode user(String userName) {
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.putArray("schemas").add(USER_URN);
        user.put("userName", userName);
        ObjectNode name = user.putObject("name");
        name.put("givenName", "Given");
        name.put("familyName", "Family");
        ArrayNode emails = user.putArray("emails");
        emails.addObject().put("value", userName).put("type", "work").put("primary", true);
        user.put("displayName", "Given Family");
        user.put("active", true);
        return user;
    }

    public static ObjectNode group(String displayName, String... memberIds) {
        ObjectNode group = Json.MAPPER.createObjectNode();
        group.putArray("schemas").add(GROUP_URN);
        group.put("displayName", displayName);
        ArrayNode members = group.putArray("members");
        for (String id : memberIds) {
            members.addObject().put("value", id);
        }
        return group;
    }

    /** A PatchOp with the given operations, each a JSON object literal, e.g. {@code {"op":"add","path":"title","value":"x"}}. */
    public static ObjectNode patch(String... operationsJson) {
        ObjectNode patch = Json.MAPPER.createObjectNode();
        patch.putArray("schemas").add(PATCH_URN);
        ArrayNode ops = patch.putArray("Operations");
        for (String op : operationsJson) {
            ops.add(Json.parse(op));
        }
        return patch;
    }

    /** A JSON string literal with quotes and escapes, for building operations: {@code str("a\"b")} → {@code "a\"b"}. */
    public static String str(String value) {
        return Json.MAPPER.getNodeFactory().textNode(value).toString();
    }
}
