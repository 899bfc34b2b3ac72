package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kiroscim.server.scim.schema.AttributeDef;

/**
 * A single object where a multi-valued complex attribute expects an array is read as a one-element array.
 *
 * <p>RFC 7644 §3.5.2.1 wants an array for a multi-valued attribute. Clients that build the PATCH value from a
 * single mapped attribute send the element itself. The intent is unambiguous, so we wrap it instead of returning
 * 400. A scalar for a multi-valued attribute is still an error.
 * <pre>
 * sent:       {"op":"add","path":"members","value":{"value":"u1"}}     "emails": {"value":"a@b.c"}
 * normalised: {"op":"add","path":"members","value":[{"value":"u1"}]}   "emails": [{"value":"a@b.c"}]
 * </pre>
 *
 * <p>Source: docs/idp-quirks.md §E2; a robustness choice of this project,
 * not a single captured payload.
 */
public final class SingleObjectForMultiValued implements IdpQuirk {

    SingleObjectForMultiValued() {}

    /** The object wrapped in an array when the attribute is multi-valued complex; anything else unchanged. */
    public JsonNode normalize(AttributeDef attribute, JsonNode raw) {
        if (attribute.multiValued() && attribute.isComplex() && raw != null && raw.isObject()) {
            return JsonNodeFactory.instance.arrayNode().add(raw);
        }
        return raw;
    }

    @Override
    public String idp() {
        return "various";
    }

    @Override
    public String description() {
        return "A single object for a multi-valued complex attribute is wrapped into a one-element array";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §E2; project robustness choice";
    }
}
