package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.MemberRef;
import dev.kiroscim.server.scim.schema.ScimSchemas;

/**
 * A stored group as SCIM JSON, without {@code members}: members are streamed separately by
 * {@link ResourceStreamWriter} so that a group of 100,000 members is never held in memory at once.
 */
public final class GroupRenderer {

    private GroupRenderer() {}

    public static ObjectNode render(GroupRecord group, String scimBase) {
        ObjectNode document = ScimJson.parseStored(group.document());
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        out.putArray("schemas").add(ScimSchemas.GROUP_URN);
        out.put("id", group.id());
        out.setAll(document);
        Meta.put(out, "Group", group.created(), group.lastModified(), location(scimBase, group.id()), group.version());
        return out;
    }

    /** One element of {@code members}: {@code {"value":"…","$ref":"…/Users/…","display":"…","type":"User"}}. */
    public static ObjectNode member(MemberRef m, String scimBase) {
        return ScimJson.MAPPER
                .createObjectNode()
                .put("value", m.userId())
                .put("$ref", UserRenderer.location(scimBase, m.userId()))
                .put("display", m.displayName() != null ? m.displayName() : m.userName())
                .put("type", "User");
    }

    public static String location(String scimBase, String id) {
        return scimBase + "/Groups/" + id;
    }
}
