package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.AttributeType;
import java.util.Optional;

/**
 * Booleans sent as strings: {@code "True"}, {@code "False"}, {@code "true"}, {@code "false"} (any case).
 *
 * <p>RFC 7643 §2.3.2 makes {@code active} and {@code primary} JSON booleans. Entra's default mapping for
 * {@code active} is the string expression {@code Switch([IsSoftDeleted], , "False", "True", "True", "False")},
 * so it sends {@code "active":"False"} in POST and PATCH, and the validator filters with
 * {@code roles[primary eq "True"]}.
 * <pre>
 * sent:       {"op":"replace","path":"active","value":"False"}
 * normalised: {"op":"replace","path":"active","value":false}
 * sent:       {"op":"replace","path":"roles[primary eq \"True\"].value","value":"admin"}
 * normalised: {"op":"replace","path":"roles[primary eq true].value","value":"admin"}
 * </pre>
 * Other strings ({@code "yes"}) are left as sent, for the reader to reject.
 *
 * <p>Source: docs/idp-quirks.md §I4; https://github.com/AzureAD/SCIMReferenceCode/issues/21,
 * https://github.com/scimmyjs/scimmy/issues/86.
 */
public final class StringBooleans implements IdpQuirk {

    StringBooleans() {}

    /** A JSON boolean for a string spelling {@code true}/{@code false} in any case; anything else unchanged. */
    public JsonNode normalize(JsonNode value) {
        if (value != null && value.isTextual()) {
            return parse(value.textValue()).<JsonNode>map(BooleanNode::valueOf).orElse(value);
        }
        return value;
    }

    /**
     * The filter of a value path with {@code "True"}/{@code "False"} compared to a boolean sub-attribute of
     * {@code attribute} turned into {@code true}/{@code false}; the same instance when nothing changes.
     */
    public Filter normalize(Filter filter, AttributeDef attribute) {
        if (filter instanceof Filter.And and) {
            Filter left = normalize(and.left(), attribute);
            Filter right = normalize(and.right(), attribute);
            return left == and.left() && right == and.right() ? filter : new Filter.And(left, right);
        }
        if (filter instanceof Filter.Or or) {
            Filter left = normalize(or.left(), attribute);
            Filter right = normalize(or.right(), attribute);
            return left == or.left() && right == or.right() ? filter : new Filter.Or(left, right);
        }
        if (filter instanceof Filter.Not not) {
            Filter inner = normalize(not.inner(), attribute);
            return inner == not.inner() ? filter : new Filter.Not(inner);
        }
        if (filter instanceof Filter.Compare cmp
                && cmp.value() instanceof FilterValue.Str s
                && cmp.path().subAttribute() == null
                && cmp.path().attribute() != null
                && attribute
                        .sub(cmp.path().attribute())
                        .map(sub -> sub.type() == AttributeType.BOOLEAN)
                        .orElse(false)) {
            return parse(s.value())
                    .<Filter>map(b -> new Filter.Compare(cmp.path(), cmp.op(), new FilterValue.Bool(b)))
                    .orElse(filter);
        }
        return filter;
    }

    /** {@code "True"} → true, {@code "false"} → false, anything else → empty. */
    static Optional<Boolean> parse(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.TRUE);
        }
        if ("false".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "Boolean attributes and filter values accept \"True\"/\"False\" strings, stored as JSON booleans";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I4; https://github.com/AzureAD/SCIMReferenceCode/issues/21";
    }
}
