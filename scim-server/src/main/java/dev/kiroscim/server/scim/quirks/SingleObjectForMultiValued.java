package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kiroscim.server.scim.schema.AttributeDef;
import java.util.Optional;

/**
 * A single object where a multi-valued complex attribute expects an array is read as a one-element array.
 *
 * <p>RFC 7644 §3.5.2.1 wants an array for a multi-valued attribute. Clients that build the PATCH value from a
 * single mapped attribute send the element itself, e.g. {@code {"op":"add","path":"members","value":{"value":"u1"}}}
 * or {@code "emails": {"value":"a@b.c","type":"work"}}. The intent is unambiguous, so we wrap it instead of
 * returning 400. A scalar for a multi-valued attribute is still an error.
 * <pre>"emails": {"value":"a@b.c"}  →  "emails": [{"value":"a@b.c"}]</pre>
 *
 * <p>Source: idp-compat.md §2.5 (legacy manager/member list shapes show clients mixing single and list forms);
 * robustness choice of this project, not a single captured payload.
 */
public final class SingleObjectForMultiValued implements IdpQuirk {

    SingleObjectForMultiValued() {
    }

    /** The object wrapped in an array, when the attribute is multi-valued complex and the input is an object. */
    public Optional<ArrayNode> wrap(AttributeDef attribute, JsonNode raw) {
        if (attribute.multiValued() && attribute.isComplex() && raw != null && raw.isObject()) {
            return Optional.of(JsonNodeFactory.instance.arrayNode().add(raw.deepCopy()));
        }
        return Optional.empty();
    }

    @Override public String idp() { return "various"; }
    @Override public String description() { return "A single object for a multi-valued complex attribute is wrapped into a one-element array"; }
    @Override public String source() { return "idp-compat.md §2.5 (mixed single/list shapes); project robustness choice"; }
}
