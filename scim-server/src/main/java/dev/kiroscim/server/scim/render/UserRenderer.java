package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.List;

/**
 * A stored user as SCIM JSON: {@code schemas}, {@code id}, the stored attributes, the derived {@code groups},
 * and {@code meta} (RFC 7643 §3.1), e.g.
 * <pre>{"schemas":[…User], "id":"…", "userName":"Ann", …, "groups":[{"value":"g1","display":"Kiro-Developers","$ref":"…/Groups/g1","type":"direct"}],
 *  "meta":{"resourceType":"User","created":"…","lastModified":"…","location":"…/Users/…","version":"W/\"3\""}}</pre>
 */
public final class UserRenderer {

    private UserRenderer() {}

    /**
     * @param groups     the user's groups, or null to leave {@code groups} out (not requested)
     * @param scimBase   base URL of the SCIM API, e.g. {@code https://host/scim/v2}
     */
    public static ObjectNode render(UserRecord user, List<GroupRef> groups, String scimBase) {
        ObjectNode document = ScimJson.parseStored(user.document());
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode schemas = out.putArray("schemas").add(ScimSchemas.USER_URN);
        if (document.has(ScimSchemas.ENTERPRISE_USER_URN)) {
            schemas.add(ScimSchemas.ENTERPRISE_USER_URN);
        }
        out.put("id", user.id());
        out.setAll(document);
        if (groups != null) {
            ArrayNode array = out.putArray("groups");
            for (GroupRef g : groups) {
                array.addObject()
                        .put("value", g.groupId())
                        .put("$ref", scimBase + "/Groups/" + g.groupId())
                        .put("display", g.displayName())
                        .put("type", "direct");
            }
        }
        Meta.put(out, "User", user.created(), user.lastModified(), location(scimBase, user.id()), user.version());
        return out;
    }

    public static String location(String scimBase, String id) {
        return scimBase + "/Users/" + id;
    }
}
