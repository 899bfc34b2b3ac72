package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.limits.TextRules;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Group members are read by {@code value} only; {@code display}, {@code $ref} (also {@code null}) and
 * {@code type} are ignored.
 *
 * <p>{@code members.display} is readOnly and {@code $ref}/{@code type} are immutable (RFC 7643 §4.2), so a strict
 * server rejects them. Okta echoes {@code display} (sometimes {@code null}) and Entra sends {@code "$ref": null}:
 * <pre>[{"$ref":null,"value":"f648"},{"value":"0a1b","display":"a@example.com"},{"value":"f648"}] → [f648, 0a1b]</pre>
 * Ids are de-duplicated in order, so adding the same member twice is one change (SCIMple M1 stored it twice).
 *
 * <p>Source: idp-compat.md I10, §1.10, §2.7, §4 bug #13; https://github.com/simpleidserver/SimpleIdServer/issues/292,
 * https://github.com/jelhub/scimgateway/issues/95.
 */
public final class MemberDisplayAndRefIgnored implements IdpQuirk {

    MemberDisplayAndRefIgnored() {
    }

    /**
     * @param members an array of member objects, or one member object
     * @return the distinct member ids in order
     * @throws ScimException 400 invalidValue when an element is not an object or has no non-empty string {@code value},
     *                       the value holds a control character, or there are more than
     *                       {@link InputLimits#MAX_MEMBERS_PER_REQUEST} elements
     */
    public List<String> memberIds(JsonNode members) {
        List<JsonNode> elements = new ArrayList<>();
        if (members.isArray()) {
            members.forEach(elements::add);
        } else {
            elements.add(members);
        }
        InputLimits.requireMemberCount(elements.size());
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                throw new ScimException(400, ScimType.INVALID_VALUE, "members: each member must be an object {\"value\": id}");
            }
            JsonNode value = valueField(element);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw new ScimException(400, ScimType.INVALID_VALUE, "members.value must be a non-empty string id");
            }
            TextRules.problem(value.textValue()).ifPresent(problem -> {
                throw new ScimException(400, ScimType.INVALID_VALUE, "members.value contains a " + problem);
            });
            ids.add(value.textValue());
        }
        return List.copyOf(ids);
    }

    private static JsonNode valueField(JsonNode element) {
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase("value")) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override public String idp() { return "Okta, Microsoft Entra ID"; }
    @Override public String description() { return "members[].display, $ref (incl. null) and type are ignored; only value is read, de-duplicated"; }
    @Override public String source() { return "idp-compat.md I10, §1.10, §2.7; https://github.com/simpleidserver/SimpleIdServer/issues/292"; }
}
