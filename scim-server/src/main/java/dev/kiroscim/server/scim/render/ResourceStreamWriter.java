package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.directory.MemberRef;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes SCIM responses straight to the socket. Resources are small {@link ObjectNode}s, except group members,
 * which are pulled from the database {@value #MEMBER_PAGE} at a time while writing: memory stays flat whatever
 * the size of the group.
 */
public final class ResourceStreamWriter {

    static final int MEMBER_PAGE = 1000;

    private ResourceStreamWriter() {}

    /** A resource whose group members (if {@code members} is not null) are streamed before {@code meta}. */
    public record Streamed(ObjectNode resource, String groupIdForMembers) {}

    public static StreamingOutput single(Streamed item, MemberSource members, String scimBase) {
        return out -> {
            try (JsonGenerator g = ScimJson.MAPPER.getFactory().createGenerator(out)) {
                write(g, item, members, scimBase);
            }
        };
    }

    /** A {@code ListResponse} (RFC 7644 §3.4.2). {@code itemsPerPage} is the number of resources in this page. */
    public static StreamingOutput list(
            long total, long startIndex, List<Streamed> items, MemberSource members, String scimBase) {
        return out -> {
            try (JsonGenerator g = ScimJson.MAPPER.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("schemas");
                g.writeString("urn:ietf:params:scim:api:messages:2.0:ListResponse");
                g.writeEndArray();
                g.writeNumberField("totalResults", total);
                g.writeNumberField("startIndex", startIndex);
                g.writeNumberField("itemsPerPage", items.size());
                g.writeArrayFieldStart("Resources");
                for (Streamed item : items) {
                    write(g, item, members, scimBase);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        };
    }

    private static void write(JsonGenerator g, Streamed item, MemberSource members, String scimBase)
            throws IOException {
        g.writeStartObject();
        JsonNode meta = null;
        Iterator<Map.Entry<String, JsonNode>> fields = item.resource().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("meta")) {
                meta = field.getValue();
                continue;
            }
            g.writeFieldName(field.getKey());
            ScimJson.MAPPER.writeTree(g, field.getValue());
        }
        if (item.groupIdForMembers() != null) {
            g.writeArrayFieldStart("members");
            String after = null;
            while (true) {
                List<MemberRef> page = members.page(item.groupIdForMembers(), after, MEMBER_PAGE);
                for (MemberRef m : page) {
                    ScimJson.MAPPER.writeTree(g, GroupRenderer.member(m, scimBase));
                }
                if (page.size() < MEMBER_PAGE) {
                    break;
                }
                after = page.get(page.size() - 1).userId();
                g.flush();
            }
            g.writeEndArray();
        }
        if (meta != null) {
            g.writeFieldName("meta");
            ScimJson.MAPPER.writeTree(g, meta);
        }
        g.writeEndObject();
    }
}
