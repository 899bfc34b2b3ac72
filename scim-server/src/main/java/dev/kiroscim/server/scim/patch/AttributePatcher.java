package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.AttributeValueReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one add/replace/remove to one attribute of a stored document (RFC 7644 §3.5.2.1–3), in place.
 *
 * <ul>
 *   <li>single-valued: add = replace (idp-compat I8); a complex value merges its sub-attributes
 *       ({@code replace name {"givenName":"A"}} keeps {@code familyName}); null/"" clears.</li>
 *   <li>multi-valued without filter: add appends elements not already present; replace replaces the list.</li>
 *   <li>{@code attr.sub} without filter: single complex → that sub-attribute; multi-valued → in every element.</li>
 *   <li>{@code attr[filter]} / {@code attr[filter].sub}: the matching elements; add/replace create the element
 *       the filter describes when none matches (I6), otherwise 400 noTarget; remove of nothing is a no-op.</li>
 * </ul>
 * Setting {@code primary: true} on an element clears it on the others (RFC 7643 §2.4).
 *
 * @param container the object holding the attribute: the document, or the extension object
 */
final class AttributePatcher {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AttributeValueReader values = new AttributeValueReader();
    private final ElementFilterMatcher matcher = new ElementFilterMatcher();

    void apply(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        if (op == PatchOpType.ADD && IdpQuirks.ADD_ON_SINGLE_VALUED_MEANS_REPLACE.addActsAsReplace(attribute)) {
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
        Optional<JsonNode> newValue = op == PatchOpType.REMOVE ? Optional.empty() : values.read(attribute, value, target.text());
        JsonNode existing = container.get(attribute.name());
        requireMutable(attribute, existing, newValue.orElse(null), target);
        if (newValue.isEmpty()) {
            container.remove(attribute.name());
        } else if (attribute.isComplex() && existing instanceof ObjectNode existingObject
                && !IdpQuirks.MANAGER_SHAPES.isManager(attribute)) {
            existingObject.setAll((ObjectNode) newValue.get());
        } else {
            container.set(attribute.name(), newValue.get());
        }
    }

    private void applyMultiValued(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        if (op == PatchOpType.REMOVE) {
            if (IdpQuirks.NULL_MEANS_ABSENT.isAbsent(value)) {
                container.remove(attribute.name());
            } else {
                removeListedElements(container, target, value);
            }
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
     * {@code remove} with a value list on a multi-valued attribute removes only the listed elements (the generalised
     * form of {@link dev.kiroscim.server.scim.quirks.EntraMemberRemoveByValueList}); removing everything would be
     * SCIMple's bug #436 on a different attribute.
     */
    private void removeListedElements(ObjectNode container, PatchTarget target, JsonNode value) {
        Optional<JsonNode> listed = values.read(target.attribute(), value, target.text());
        JsonNode existing = container.get(target.attribute().name());
        if (listed.isEmpty() || existing == null) {
            return;
        }
        ArrayNode kept = JSON.arrayNode();
        for (JsonNode element : existing) {
            boolean remove = false;
            for (JsonNode l : listed.get()) {
                remove |= l.isObject() ? containsAllFields(element, (ObjectNode) l) : element.equals(l);
            }
            if (!remove) {
                kept.add(element);
            }
        }
        container.set(target.attribute().name(), kept);
    }

    private void applySubAttribute(PatchOpType op, ObjectNode container, PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        AttributeDef sub = target.subAttribute();
        Optional<JsonNode> newValue = op == PatchOpType.REMOVE ? Optional.empty()
                : values.readSingle(sub, value, target.text());
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
            newValue.ifPresent(v -> container.withArray(attribute.name()).add(JSON.objectNode().set(sub.name(), v)));
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
        List<ObjectNode> matches = elements.stream().filter(e -> matcher.matches(target.filter(), e, attribute)).toList();
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
                setOrRemove(match, target.subAttribute(), values.readSingle(target.subAttribute(), value, target.text()), target);
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
        ObjectNode element = IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT.template(target.filter())
                .filter(t -> attribute.multiValued())
                .orElseThrow(() -> new ScimException(400, ScimType.NO_TARGET,
                        "no element of " + attribute.name() + " matches [" + target.filter() + "]"));
        if (IdpQuirks.NULL_MEANS_ABSENT.isAbsent(value) || IdpQuirks.EMPTY_STRING_MEANS_ABSENT.isAbsent(value)) {
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

    private static void setOrRemove(ObjectNode object, AttributeDef sub, Optional<JsonNode> newValue, PatchTarget target) {
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
    private static void requireMutable(AttributeDef attribute, JsonNode existing, JsonNode newValue, PatchTarget target) {
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

    private static boolean containsAllFields(JsonNode element, ObjectNode fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().equals(element.get(f.getKey()))) {
                return false;
            }
        }
        return true;
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
