package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterParseException;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.filter.PatchPath;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.patch.PatchPathResolver;
import dev.kiroscim.server.scim.patch.PatchTarget;
import dev.kiroscim.server.scim.quirks.PathlessDottedKeys.PathAndValue;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.AttributeType;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites a request as identity providers send it into RFC 7643/7644 form, before the document reader and the PATCH
 * engine see it. Those two implement the RFCs only; every leniency is one {@link IdpQuirk} applied here.
 *
 * <p>An Entra update, as sent and as the engine receives it:
 * <pre>
 * {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
 *   {"op":"Replace","value":{"active":"False","name.givenName":"Kkom","id":"u1"}},
 *   {"op":"Remove","path":"members","value":[{"$ref":null,"value":"f648"}]}]}
 * →
 * {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
 *   {"op":"replace","path":"active","value":false},
 *   {"op":"replace","path":"name.givenName","value":"Kkom"},
 *   {"op":"remove","path":"members[value eq \"f648\"]"}]}
 * </pre>
 * Values are rewritten against the attribute they land on (resolved with the engine's own
 * {@link PatchPathResolver}), so {@code "False"} becomes {@code false} only where a boolean is expected. Input that
 * no quirk applies to is passed on unchanged, for the reader or the engine to accept or reject with its RFC error.
 * The input is never modified.
 *
 * <p>The limit on PATCH operations applies here, to the request as sent: a path-less operation or a member list may
 * become several RFC operations.
 */
public final class IdpRequestNormalizer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> RFC_OPS = List.of("add", "replace", "remove");

    private final PatchPathResolver paths = new PatchPathResolver();
    private final FilterParser parser = new FilterParser(ScimSchemas.KNOWN_URNS);

    /** A POST or PUT body of {@code type}, rewritten; anything but a JSON object is returned as it is. */
    public JsonNode resource(ResourceTypeDef type, JsonNode body) {
        if (body == null || !body.isObject()) {
            return body;
        }
        ObjectNode out = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<SchemaDef> extension = type.extension(field.getKey());
            if (extension.isPresent()) {
                out.set(field.getKey(), extension(extension.get(), field.getValue()));
                continue;
            }
            AttributeDef attribute = type.core().attribute(field.getKey()).orElse(null);
            if (!IdpQuirks.READ_ONLY_AND_UNKNOWN_INPUT_IGNORED.drop(attribute)) {
                out.set(field.getKey(), value(attribute, field.getValue()));
            }
        }
        return out;
    }

    /** A PATCH body for a resource of {@code type}, rewritten; a body without an {@code Operations} array is returned as it is. */
    public JsonNode patch(ResourceTypeDef type, JsonNode body) {
        if (body == null || !body.isObject()) {
            return body;
        }
        String operationsKey = key(body, "Operations");
        if (operationsKey == null || !body.get(operationsKey).isArray()) {
            return body;
        }
        JsonNode sent = body.get(operationsKey);
        if (sent.size() > InputLimits.MAX_PATCH_OPERATIONS) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    "Operations has " + sent.size() + " entries; at most " + InputLimits.MAX_PATCH_OPERATIONS
                            + " are accepted in one PATCH");
        }
        ArrayNode operations = JSON.arrayNode();
        for (JsonNode operation : sent) {
            operations.addAll(operation(type, operation));
        }
        ObjectNode out = JSON.objectNode().setAll((ObjectNode) body);
        out.set(operationsKey, operations);
        return out;
    }

    private List<JsonNode> operation(ResourceTypeDef type, JsonNode operation) {
        if (!operation.isObject()) {
            return List.of(operation);
        }
        ObjectNode out = JSON.objectNode().setAll((ObjectNode) operation);
        String opKey = key(out, "op");
        if (opKey == null) {
            return List.of(out);
        }
        JsonNode opNode = IdpQuirks.CASE_INSENSITIVE_PATCH_OPS.normalize(out.get(opKey));
        out.set(opKey, opNode);
        if (!opNode.isTextual() || !RFC_OPS.contains(opNode.textValue())) {
            return List.of(out);
        }
        String op = opNode.textValue();
        JsonNode path = field(out, "path");
        JsonNode value = field(out, "value");
        if (path == null || path.isNull()) {
            return op.equals("remove") || value == null || !value.isObject()
                    ? List.of(out)
                    : pathless(type, op, (ObjectNode) value);
        }
        if (!path.isTextual() || path.textValue().isBlank()) {
            return List.of(out);
        }
        String text = path.textValue().trim();
        Optional<PatchTarget> target = paths.tryResolve(type, text);
        return target.isEmpty() ? List.of(out) : withPath(op, text, target.get(), value);
    }

    /** Path-less add/replace: one operation per key, so that dotted and URN keys become ordinary paths. */
    private List<JsonNode> pathless(ResourceTypeDef type, String op, ObjectNode value) {
        List<JsonNode> operations = new ArrayList<>();
        for (PathAndValue entry : IdpQuirks.PATHLESS_DOTTED_KEYS.expand(type, value)) {
            if (IdpQuirks.READ_ONLY_KEYS_IN_PATHLESS_VALUE.ignore(entry.path())) {
                continue;
            }
            Optional<PatchTarget> target = paths.tryResolve(type, entry.path());
            if (target.isPresent()) { // an unknown key is dropped, as in a POST/PUT body
                operations.addAll(withPath(op, entry.path(), target.get(), entry.value()));
            }
        }
        return operations.isEmpty() ? List.of(noOperation()) : operations;
    }

    private List<JsonNode> withPath(String op, String text, PatchTarget target, JsonNode value) {
        String path = target.filter() == null ? text : withBooleanFilter(text, target.attribute());
        if (op.equals("remove")) {
            if (value != null
                    && !value.isNull()
                    && target.attribute() != null
                    && target.attribute().multiValued()
                    && target.filter() == null
                    && target.subAttribute() == null) {
                return removeListed(target, value);
            }
            return List.of(operation(op, path, value));
        }
        if (value == null) {
            return List.of(operation(op, path, null));
        }
        JsonNode rewritten;
        if (target.isWholeExtension()) {
            rewritten = extension(target.schema(), value);
        } else if (target.subAttribute() != null) {
            rewritten = single(target.subAttribute(), value);
        } else if (target.filter() != null) {
            rewritten = single(target.attribute(), value);
        } else {
            rewritten = value(target.attribute(), value);
        }
        return List.of(operation(op, path, rewritten));
    }

    private String withBooleanFilter(String text, AttributeDef attribute) {
        PatchPath parsed;
        try {
            parsed = parser.parsePatchPath(text);
        } catch (FilterParseException e) {
            throw new IllegalStateException("the path resolved a moment ago: " + text, e);
        }
        Filter filter = IdpQuirks.STRING_BOOLEANS.normalize(parsed.valueFilter(), attribute);
        return filter == parsed.valueFilter()
                ? text
                : new PatchPath(parsed.attribute(), filter, parsed.subAttribute()).toString();
    }

    /** {@code remove attr} with a value list: one value-path removal per listed element, or a no-op for none. */
    private List<JsonNode> removeListed(PatchTarget target, JsonNode value) {
        AttributeDef attribute = target.attribute();
        List<String> removals = ResourceDocumentReader.isGroupMembers(attribute)
                ? IdpQuirks.ENTRA_MEMBER_REMOVE_BY_VALUE_LIST.paths(value)
                : IdpQuirks.REMOVE_VALUE_LIST_ON_MULTI_VALUED.paths(
                        attribute, listedElements(attribute, value, target.text()));
        if (removals.isEmpty()) {
            return List.of(noOperation());
        }
        return removals.stream()
                .<JsonNode>map(path -> operation("remove", path, null))
                .toList();
    }

    private List<JsonNode> listedElements(AttributeDef attribute, JsonNode raw, String where) {
        if (IdpQuirks.EMPTY_STRING_MEANS_ABSENT.normalize(raw).isNull()) {
            return List.of();
        }
        JsonNode list = IdpQuirks.SINGLE_OBJECT_FOR_MULTI_VALUED.normalize(attribute, raw);
        if (!attribute.isComplex() || !list.isArray()) {
            throw invalid(
                    where + " is multi-valued and must be an array" + (attribute.isComplex() ? "" : " of objects"));
        }
        InputLimits.requireValueCount(list.size(), where);
        List<JsonNode> elements = new ArrayList<>();
        for (JsonNode element : list) {
            JsonNode read = single(attribute, element);
            if (read.isNull()) {
                continue;
            }
            if (!read.isObject()) {
                throw invalid(where + " must be an object");
            }
            elements.add(read);
        }
        return elements;
    }

    /** An extension object: unknown and read-only keys dropped, each value rewritten for its attribute. */
    private JsonNode extension(SchemaDef extension, JsonNode raw) {
        if (!raw.isObject()) {
            return raw;
        }
        ObjectNode out = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDef attribute = extension.attribute(field.getKey()).orElse(null);
            if (!IdpQuirks.READ_ONLY_AND_UNKNOWN_INPUT_IGNORED.drop(attribute)) {
                out.set(field.getKey(), value(attribute, field.getValue()));
            }
        }
        return out;
    }

    /** A whole attribute value: for a multi-valued attribute, the list. */
    private JsonNode value(AttributeDef attribute, JsonNode raw) {
        if (ResourceDocumentReader.isGroupMembers(attribute)) {
            return members(attribute, raw);
        }
        JsonNode value = IdpQuirks.EMPTY_STRING_MEANS_ABSENT.normalize(raw);
        if (!attribute.multiValued() || value.isNull()) {
            return single(attribute, value);
        }
        value = IdpQuirks.SINGLE_OBJECT_FOR_MULTI_VALUED.normalize(attribute, value);
        if (!value.isArray()) {
            return value;
        }
        ArrayNode out = JSON.arrayNode();
        value.forEach(element -> out.add(single(attribute, element)));
        return out;
    }

    /** Group {@code members}: a list of {@code {"value": id}}; empty strings are left for the member parser to reject. */
    private static JsonNode members(AttributeDef members, JsonNode raw) {
        JsonNode list = IdpQuirks.SINGLE_OBJECT_FOR_MULTI_VALUED.normalize(members, raw);
        if (!list.isArray()) {
            return list;
        }
        ArrayNode out = JSON.arrayNode();
        list.forEach(member -> out.add(IdpQuirks.MEMBER_DISPLAY_AND_REF_IGNORED.normalize(member)));
        return out;
    }

    /** One value of the attribute's type: for a multi-valued attribute, one element. */
    private JsonNode single(AttributeDef attribute, JsonNode raw) {
        JsonNode value = IdpQuirks.EMPTY_STRING_MEANS_ABSENT.normalize(raw);
        if (value.isNull()) {
            return value;
        }
        if (IdpQuirks.MANAGER_SHAPES.isManager(attribute)) {
            value = IdpQuirks.MANAGER_SHAPES.normalize(value);
        }
        if (attribute.type() == AttributeType.BOOLEAN) {
            return IdpQuirks.STRING_BOOLEANS.normalize(value);
        }
        if (!attribute.isComplex() || !value.isObject()) {
            return value;
        }
        ObjectNode out = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDef sub = attribute.sub(field.getKey()).orElse(null);
            if (!IdpQuirks.READ_ONLY_AND_UNKNOWN_INPUT_IGNORED.drop(sub)) {
                out.set(field.getKey(), single(sub, field.getValue()));
            }
        }
        return out;
    }

    private static ObjectNode operation(String op, String path, JsonNode value) {
        ObjectNode operation = JSON.objectNode().put("op", op).put("path", path);
        return value == null ? operation : operation.set("value", value);
    }

    /** What a request reduced to nothing becomes: an add of an empty partial resource, which changes nothing. */
    private static ObjectNode noOperation() {
        return JSON.objectNode().put("op", "add").set("value", JSON.objectNode());
    }

    private static JsonNode field(JsonNode node, String name) {
        String key = key(node, name);
        return key == null ? null : node.get(key);
    }

    /** The member name as sent, matched case-insensitively as the engine matches it (RFC 7643 §2.1). */
    private static String key(JsonNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    private static ScimException invalid(String detail) {
        return new ScimException(400, ScimType.INVALID_VALUE, detail);
    }
}
