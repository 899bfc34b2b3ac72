package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Group members are read by {@code value} only; {@code display}, {@code $ref} (also {@code null}) and
 * {@code type} are dropped.
 *
 * <p>{@code members.display} is readOnly and {@code $ref}/{@code type} are immutable (RFC 7643 §4.2), so a strict
 * server rejects them. Okta echoes {@code display} (sometimes {@code null}) and Entra sends {@code "$ref": null}:
 * <pre>
 * sent:       [{"$ref":null,"value":"f648"},{"value":"0a1b","display":"a@example.com","type":"User"}]
 * normalised: [{"value":"f648"},{"value":"0a1b"}]
 * </pre>
 * The ids themselves are read by the engine's RFC parser ({@link dev.kiroscim.server.scim.document.MemberIds}).
 *
 * <p>Source: docs/idp-quirks.md §I10; https://github.com/simpleidserver/SimpleIdServer/issues/292,
 * https://github.com/jelhub/scimgateway/issues/95.
 */
public final class MemberDisplayAndRefIgnored implements IdpQuirk {

    private static final Set<String> DESCRIPTIVE = Set.of("display", "$ref", "type");

    MemberDisplayAndRefIgnored() {}

    /** The member object without {@code display}, {@code $ref} and {@code type} (any case); anything else unchanged. */
    public JsonNode normalize(JsonNode member) {
        if (member == null || !member.isObject()) {
            return member;
        }
        ObjectNode out = member.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
            if (DESCRIPTIVE.contains(it.next().getKey().toLowerCase(java.util.Locale.ROOT))) {
                it.remove();
            }
        }
        return out;
    }

    @Override
    public String idp() {
        return "Okta, Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "members[].display, $ref (incl. null) and type are ignored; only value is read, de-duplicated";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I10; https://github.com/simpleidserver/SimpleIdServer/issues/292";
    }
}
