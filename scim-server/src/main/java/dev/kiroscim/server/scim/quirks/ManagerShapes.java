package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The Enterprise User {@code manager} in every shape clients send, normalised to {@code {"value": id}}.
 *
 * <p>RFC 7643 §4.3 defines {@code manager} as a complex attribute {@code {"value","$ref","displayName"}}.
 * Entra and the Microsoft validator also send:
 * <pre>
 * sent                                                  normalised
 * "manager": "2c2f6fb8"                                  {"value":"2c2f6fb8"}   (Entra Add, bare string)
 * "manager": [{"$ref":"http://…/Users/00aa","value":"00aa"}] {"$ref":…,"value":"00aa"} (legacy doc example)
 * "manager": {"value":""} | [] | {}                     null (Entra "remove manager")
 * </pre>
 * An id that names no user (yet) is kept: Entra may set the manager before the manager is provisioned.
 *
 * <p>Source: docs/idp-quirks.md §I9; https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686,
 * https://github.com/MicrosoftDocs/azure-docs/issues/11784.
 */
public final class ManagerShapes implements IdpQuirk {

    ManagerShapes() {}

    public boolean isManager(AttributeDef attribute) {
        return attribute.name().equals("manager") && attribute.schemaUrn().equals(ScimSchemas.ENTERPRISE_USER_URN);
    }

    /**
     * @param raw the manager as sent, never {@code ""} (that is {@link EmptyStringMeansAbsent}'s)
     * @return an object with a non-empty {@code value}, or JSON null when the input means "no manager"
     * @throws ScimException 400 invalidValue for a number, a boolean or a list of several managers
     */
    public JsonNode normalize(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (raw.isTextual()) {
            return raw.textValue().isEmpty()
                    ? NullNode.getInstance()
                    : JsonNodeFactory.instance.objectNode().put("value", raw.textValue());
        }
        if (raw.isArray()) {
            if (raw.size() > 1) {
                throw new ScimException(
                        400, ScimType.INVALID_VALUE, "manager is single-valued; got " + raw.size() + " values");
            }
            return raw.isEmpty() ? NullNode.getInstance() : normalize(raw.get(0));
        }
        if (raw.isObject()) {
            JsonNode value = fieldIgnoringCase((ObjectNode) raw, "value");
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.textValue().isEmpty())) {
                return NullNode.getInstance();
            }
            return raw;
        }
        throw new ScimException(
                400,
                ScimType.INVALID_VALUE,
                "manager must be a user id or an object {\"value\": id}; got "
                        + raw.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private static JsonNode fieldIgnoringCase(ObjectNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "Enterprise manager accepted as object, bare id string or one-element list; {\"value\":\"\"}/\"\"/null clears it";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I9; https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/686";
    }
}
