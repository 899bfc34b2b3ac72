package dev.kiroscim.server.scim.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.limits.TextRules;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Group {@code members} value (RFC 7643 §4.2) into the member ids it names.
 *
 * <p>A member is identified by {@code value}, the id of the User; {@code display} is readOnly and {@code $ref} and
 * {@code type} only describe the same user, so they are not read. Ids are de-duplicated in order: membership is a
 * set, and adding the same member twice is one change.
 * <pre>[{"value":"f648"},{"value":"0a1b","display":"a@example.com"},{"value":"f648"}] → [f648, 0a1b]</pre>
 */
public final class MemberIds {

    private MemberIds() {}

    /**
     * @param members an array of member objects
     * @return the distinct member ids in order
     * @throws ScimException 400 invalidValue when the value is not an array, an element is not an object or has no
     *                       non-empty string {@code value}, the value holds a control character, or there are more
     *                       than {@link InputLimits#MAX_MEMBERS_PER_REQUEST} elements
     */
    public static List<String> parse(JsonNode members) {
        if (!members.isArray()) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    members.isObject()
                            ? "members is multi-valued and must be an array of {\"value\": id}"
                            : "members: each member must be an object {\"value\": id}");
        }
        InputLimits.requireMemberCount(members.size());
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : members) {
            ids.add(id(element));
        }
        return List.copyOf(ids);
    }

    /** The id of one member object {@code {"value": id}}; 400 invalidValue as described in {@link #parse}. */
    public static String id(JsonNode element) {
        if (!element.isObject()) {
            throw new ScimException(
                    400, ScimType.INVALID_VALUE, "members: each member must be an object {\"value\": id}");
        }
        JsonNode value = valueField(element);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new ScimException(400, ScimType.INVALID_VALUE, "members.value must be a non-empty string id");
        }
        TextRules.problem(value.textValue()).ifPresent(problem -> {
            throw new ScimException(400, ScimType.INVALID_VALUE, "members.value contains a " + problem);
        });
        return value.textValue();
    }

    /** RFC 7643 §2.1: attribute names are case-insensitive, so {@code "Value"} is {@code value}. */
    private static JsonNode valueField(JsonNode element) {
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("value")) {
                return e.getValue();
            }
        }
        return null;
    }
}
