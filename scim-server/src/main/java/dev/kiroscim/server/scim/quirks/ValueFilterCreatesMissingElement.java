package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kiroscim.server.scim.filter.CompareOp;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterValue;
import dev.kiroscim.server.scim.patch.UnmatchedValueFilter;
import dev.kiroscim.server.scim.schema.AttributeDef;
import java.util.Optional;

/**
 * {@code add}/{@code replace} on a value-path filter that matches no element creates the element the filter
 * describes, and leaves the other elements alone.
 *
 * <p>RFC 7644 §3.5.2.3 says a {@code replace} whose filter matches nothing is 400 noTarget. Entra maps
 * {@code mail} to {@code emails[type eq "work"].value} and sends it for users that have no work email yet; the
 * Microsoft validator's "Add attributes" test does the same with {@code roles[primary eq "True"].value}:
 * <pre>
 * emails = [{"type":"home","value":"h@x"}]
 * {"op":"Replace","path":"emails[type eq \"work\"].value","value":"w@x"}
 * → emails = [{"type":"home","value":"h@x"},{"type":"work","value":"w@x"}]
 * </pre>
 * Only filters made of {@code eq} comparisons joined by {@code and} describe an element; anything else
 * ({@code value co "x"}, {@code or}) still gets 400 noTarget.
 *
 * This is the one quirk that is not a request rewrite: whether the filter matches depends on the document at that
 * operation, so the engine asks it through {@link UnmatchedValueFilter} (the RFC answer is 400 noTarget).
 *
 * <p>Source: docs/idp-quirks.md §I6;
 * https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/416, https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/668.
 */
public final class ValueFilterCreatesMissingElement implements IdpQuirk, UnmatchedValueFilter {

    ValueFilterCreatesMissingElement() {}

    /**
     * The sub-attribute values the filter pins down, as sent (e.g. {@code {"type":"work"}} or {@code {"primary":"True"}});
     * the caller reads them with the schema. Empty when the filter does not describe one element.
     */
    @Override
    public Optional<ObjectNode> newElement(Filter filter, AttributeDef attribute) {
        ObjectNode template = JsonNodeFactory.instance.objectNode();
        return collect(filter, attribute, template) ? Optional.of(template) : Optional.empty();
    }

    private static boolean collect(Filter filter, AttributeDef attribute, ObjectNode into) {
        if (filter instanceof Filter.And and) {
            return collect(and.left(), attribute, into) && collect(and.right(), attribute, into);
        }
        if (filter instanceof Filter.Compare cmp
                && cmp.op() == CompareOp.EQ
                && cmp.path().schemaUrn() == null
                && cmp.path().subAttribute() == null
                && cmp.path().attribute() != null) {
            String name = cmp.path().attribute();
            JsonNode literal = cmp.value() instanceof FilterValue.Str s
                    ? TextNode.valueOf(s.value())
                    : cmp.value() instanceof FilterValue.Bool b
                            ? BooleanNode.valueOf(b.value())
                            : cmp.value() instanceof FilterValue.Num n ? DecimalNode.valueOf(n.value()) : null;
            if (literal == null) {
                return false;
            }
            if (attribute
                    .sub(name)
                    .isPresent()) { // an unknown name is left out of the new element, as unknown input is everywhere
                into.set(name, literal);
            }
            return true;
        }
        return false;
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID, SCIM Validator";
    }

    @Override
    public String description() {
        return "add/replace on emails[type eq \"work\"].value etc. creates the element when none matches, keeping the others";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I6; https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/416";
    }
}
