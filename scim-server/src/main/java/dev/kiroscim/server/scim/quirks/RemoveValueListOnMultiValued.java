package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.AttributePath;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.filter.PatchPath;
import dev.kiroscim.server.scim.schema.AttributeDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link EntraMemberRemoveByValueList} for every other multi-valued attribute: {@code remove} with a value list
 * removes the elements that carry all the listed sub-attribute values, never the whole attribute.
 *
 * <p>No IdP is known to send this for {@code emails} or {@code roles}; we accept it because an RFC-literal reading
 * (remove everything, the value ignored) would be SCIMple's bug #436 on another attribute. Each listed element
 * becomes one value-path removal:
 * <pre>
 * sent:       {"op":"remove","path":"emails","value":[{"value":"a@x","type":"work"},{"value":"b@x"}]}
 * normalised: {"op":"remove","path":"emails[(value eq \"a@x\" and type eq \"work\")]"},
 *             {"op":"remove","path":"emails[value eq \"b@x\"]"}
 * </pre>
 * String values then compare as filters do (case-insensitively unless the sub-attribute is caseExact, RFC 7643
 * §2.2).
 *
 * <p>Source: docs/idp-quirks.md §I7 (generalised from Entra's member removal); project robustness choice.
 */
public final class RemoveValueListOnMultiValued implements IdpQuirk {

    RemoveValueListOnMultiValued() {}

    /**
     * @param attribute a multi-valued complex attribute
     * @param elements  the listed elements, already normalised (canonical sub-attribute names, booleans, no
     *                  {@code ""}); nulls and elements left without a value select nothing
     * @return one {@code attr[sub eq v and …]} path per element that selects something, in order
     */
    public List<String> paths(AttributeDef attribute, List<JsonNode> elements) {
        List<String> paths = new ArrayList<>();
        for (JsonNode element : elements) {
            Filter filter = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                Filter compare = new Filter.Compare(
                        AttributePath.of(field.getKey()),
                        CompareOp.EQ,
                        literal(attribute, field.getKey(), field.getValue()));
                filter = filter == null ? compare : new Filter.And(filter, compare);
            }
            if (filter != null) {
                paths.add(new PatchPath(AttributePath.of(attribute.name()), filter, null).toString());
            }
        }
        return paths;
    }

    private static FilterValue literal(AttributeDef attribute, String sub, JsonNode value) {
        if (value.isTextual()) {
            return new FilterValue.Str(value.textValue());
        }
        if (value.isBoolean()) {
            return new FilterValue.Bool(value.booleanValue());
        }
        if (value.isNumber()) {
            return new FilterValue.Num(value.decimalValue());
        }
        throw new ScimException(
                400, ScimType.INVALID_VALUE, attribute.name() + "." + sub + " must be a string, number or boolean");
    }

    @Override
    public String idp() {
        return "various (generalised from Microsoft Entra ID)";
    }

    @Override
    public String description() {
        return "remove path=emails (any multi-valued attribute) with a value list removes only the listed elements";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I7; project robustness choice";
    }
}
