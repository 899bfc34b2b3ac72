package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.AttributeValueReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one add/replace/remove to one attribute of a stored document (RFC 7644 §3.5.2.1–3), in place.
 *
 * <ul>
 *   <li>single-valued: add = replace (RFC 7644 §3.5.2.1: "the existing value is replaced"); a complex value
 *       merges its sub-attributes ({@code replace name {"givenName":"A"}} keeps {@code familyName}, §3.5.2.3),
 *       except a reference ({@code manager}: a {@code $ref} sub-attribute), which is replaced whole because its
 *       sub-attributes describe one other resource; null clears (RFC 7643 §2.5).</li>
 *   <li>multi-valued without filter: add appends elements not already present; replace replaces the list; remove
 *       removes the attribute, and a remove that carries a value is 400 (RFC 7644 §3.5.2.2 has no value; the
 *       quirks normaliser turns a value list into filters before the engine runs).</li>
 *   <li>{@code attr.sub} without filter: single complex → that sub-attribute; multi-valued → in every element.</li>
 *   <li>{@code attr[filter]} / {@code attr[filter].sub}: the matching elements; when none matches, add/replace ask
 *       the {@link UnmatchedValueFilter} (RFC: 400 noTarget); remove of nothing is a no-op.</li>
 * </ul>
 * Setting {@code primary: true} on an element clears it on the others (RFC 7643 §2.4).
 *
 * @param container the object holding the attribute: the document, or the extension object
 */
final class AttributePatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AttributeValueReader values = new AttributeValueReader();
    private final ElementFilterMatcher matcher = new ElementFilterMatcher();
    private final UnmatchedValueFilter unmatched;

    AttributePatcher(UnmatchedValueFilter unmatched) {
        this.unmatched = unmatched;
    }

    void apply(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        if (op == PatchOpType.ADD && !attribute.multiValued()) {
            op = PatchOpType.REPLACE;
        }
        if (target.filter() != null) {
            applyFiltered(op, container, target, value);
        } else if (target.subAttribute() != null) {
            applySubAttribute(op, container, target, value);
        } else if (attribute.multiValued()) {
            applyMultiValued(op, container, target, value);
        } else {
            applySingleValued(op, container, target, value);
        }
    }

    private void applySingleValued(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        Optional<JsonNode> newValue =
                op == PatchOpType.REMOVE ? Optional.empty() : values.read(attribute, value, target.text());
        JsonNode existing = container.get(attribute.name());
        requireMutable(attribute, existing, newValue.orElse(null), target);
        if (newValue.isEmpty()) {
            container.remove(attribute.name());
        } else if (attribute.isComplex()
                && existing instanceof ObjectNode existingObject
                && !PatchTarget.isSingleReference(attribute)) {
            existingObject.setAll((ObjectNode) newValue.get());
        } else {
            container.set(attribute.name(), newValue.get());
        }
    }

    private void applyMultiValued(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        if (op == PatchOpType.REMOVE) {
            requireNoValueOnRemove(target, value);
            container.remove(attribute.name());
            return;
        }
        Optional<JsonNode> newValue = values.read(attribute, value, target.text());
        if (op == PatchOpType.REPLACE) {
            if (newValue.isEmpty()) {
                container.remove(attribute.name());
            } else {
                container.set(attribute.name(), newValue.get());
            }
            return;
        }
        if (newValue.isEmpty()) {
            return;
        }
        ArrayNode elements = container.withArray(attribute.name());
        for (JsonNode element : newValue.get()) {
            if (!contains(elements, element)) {
                elements.add(element);
                makeSolePrimary(elements, element);
            }
        }
    }

    /**
     * RFC 7644 §3.5.2.2: remove without a filter removes every value. A remove that still carries a value here was
     * meant to remove only those values (Entra's member list, normalised away before the engine); treating it as
     * "remove all" would silently wipe the attribute, so it is refused instead.
     */
    static void requireNoValueOnRemove(PatchTarget target, JsonNode value) {
        if (value != null && !value.isNull()) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    "remove " + target.text()
                            + " takes no value; select the values to remove with a filter, e.g. "
                            + target.attribute().name() + "[value eq \"x\"]");
        }
    }

    private void applySubAttribute(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        AttributeDef sub = target.subAttribute();
        Optional<JsonNode> newValue =
                op == PatchOpType.REMOVE ? Optional.empty() : values.readSingle(sub, value, target.text());
        if (!attribute.multiValued()) {
            JsonNode existing = container.get(attribute.name());
            if (existing == null && newValue.isEmpty()) {
                return;
            }
            ObjectNode object = existing instanceof ObjectNode o ? o : container.putObject(attribute.name());
            setOrRemove(object, sub, newValue, target);
            return;
        }
        JsonNode existing = container.get(attribute.name());
        if (existing == null || existing.isEmpty()) {
            newValue.ifPresent(v ->
                    container.withArray(attribute.name()).add(JSON.objectNode().set(sub.name(), v)));
            return;
        }
        for (JsonNode element : existing) {
            setOrRemove((ObjectNode) element, sub, newValue, target);
        }
    }

    private void applyFiltered(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        JsonNode existing = container.get(attribute.name());
        List<ObjectNode> elements = new ArrayList<>();
        if (existing != null && existing.isArray()) {
            existing.forEach(e -> elements.add((ObjectNode) e));
        } else if (existing instanceof ObjectNode single) {
            elements.add(single); // manager[value eq "id"]: a single complex value seen as a list of one
        }
        List<ObjectNode> matches = elements.stream()
                .filter(e -> matcher.matches(target.filter(), e, attribute))
                .toList();
        if (op == PatchOpType.REMOVE) {
            removeMatches(container, target, existing, matches);
            return;
        }
        if (matches.isEmpty()) {
            createDescribedElement(container, target, value);
            return;
        }
        for (ObjectNode match : matches) {
            if (target.subAttribute() != null) {
                setOrRemove(
                        match,
                        target.subAttribute(),
                        values.readSingle(target.subAttribute(), value, target.text()),
                        target);
            } else {
                Optional<JsonNode> element = values.readSingle(attribute, value, target.text());
                if (op == PatchOpType.REPLACE) {
                    match.removeAll();
                }
                element.ifPresent(v -> match.setAll((ObjectNode) v));
            }
            if (existing instanceof ArrayNode array) {
                makeSolePrimary(array, match);
            }
        }
        if (existing instanceof ArrayNode array) {
            dropEmptyElements(container, attribute, array);
        }
    }

    private void removeMatches(ObjectNode container, PatchTarget target, JsonNode existing, List<ObjectNode> matches) {
        AttributeDef attribute = target.attribute();
        for (ObjectNode match : matches) {
            if (target.subAttribute() != null) {
                match.remove(target.subAttribute().name());
            } else if (existing instanceof ArrayNode array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (array.get(i) == match) {
                        array.remove(i);
                    }
                }
            } else {
                container.remove(attribute.name());
            }
        }
        if (existing instanceof ArrayNode array) {
            dropEmptyElements(container, attribute, array);
        }
    }

    private void createDescribedElement(ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        ObjectNode element = (attribute.multiValued()
                        ? unmatched.newElement(target.filter(), attribute)
                        : Optional.<ObjectNode>empty())
                .orElseThrow(() -> new ScimException(
                        400,
                        ScimType.NO_TARGET,
                        "no element of " + attribute.name() + " matches [" + target.filter() + "]"));
        if (value == null || value.isNull()) {
            return; // clearing a value that isn't there
        }
        if (target.subAttribute() != null) {
            element.set(target.subAttribute().name(), value);
        } else if (value.isObject()) {
            element.setAll((ObjectNode) value.deepCopy());
        } else {
            throw new ScimException(400, ScimType.INVALID_VALUE, target.text() + " needs an object value");
        }
        Optional<JsonNode> read = values.readSingle(attribute, element, target.text());
        if (read.isPresent()) {
            ArrayNode array = container.withArray(attribute.name());
            array.add(read.get());
            makeSolePrimary(array, read.get());
        }
    }

    private static void setOrRemove(
            ObjectNode object, AttributeDef sub, Optional<JsonNode> newValue, PatchTarget target) {
        if (sub.mutability() == Mutability.READ_ONLY) {
            throw new ScimException(400, ScimType.MUTABILITY, target.text() + " is read-only");
        }
        requireMutable(sub, object.get(sub.name()), newValue.orElse(null), target);
        if (newValue.isPresent()) {
            object.set(sub.name(), newValue.get());
        } else {
            object.remove(sub.name());
        }
    }

    /** RFC 7643 §2.2 "immutable": may be set once; changing an existing value is 400 mutability. */
    private static void requireMutable(
            AttributeDef attribute, JsonNode existing, JsonNode newValue, PatchTarget target) {
        if (attribute.mutability() == Mutability.IMMUTABLE && existing != null && !existing.equals(newValue)) {
            throw new ScimException(400, ScimType.MUTABILITY, target.text() + " is immutable and already has a value");
        }
    }

    private static void makeSolePrimary(ArrayNode elements, JsonNode chosen) {
        JsonNode primary = chosen.get("primary");
        if (primary == null || !primary.booleanValue()) {
            return;
        }
        for (JsonNode element : elements) {
            if (element != chosen && element.has("primary")) {
                ((ObjectNode) element).put("primary", false);
            }
        }
    }

    private static boolean contains(ArrayNode elements, JsonNode candidate) {
        for (JsonNode element : elements) {
            if (element.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static void dropEmptyElements(ObjectNode container, AttributeDef attribute, ArrayNode array) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i).isEmpty()) {
                array.remove(i);
            }
        }
        if (array.isEmpty()) {
            container.remove(attribute.name());
        }
    }
}
