package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ResolvedPath;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.Returned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters of RFC 7644 §3.9 (also §3.4.2.5 for lists).
 * With {@code attributes=userName,name.givenName} a user comes back as {@code id}, {@code schemas},
 * {@code userName} and {@code name.givenName} only; with {@code excludedAttributes=members} a group comes back
 * without members — and the server then never reads the membership table. Attributes that are "returned
 * always" ({@code id}, {@code schemas}) cannot be excluded. Unknown names are ignored, as most clients expect.
 */
public record Projection(List<ResolvedPath> include, List<ResolvedPath> exclude) {

    public static final Projection ALL = new Projection(List.of(), List.of());

    public Projection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static Projection parse(ResourceTypeDef type, String attributes, String excludedAttributes) {
        return new Projection(paths(type, attributes), paths(type, excludedAttributes));
    }

    private static List<ResolvedPath> paths(ResourceTypeDef type, String list) {
        List<ResolvedPath> out = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return out;
        }
        for (String raw : Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()) {
            parsePath(type, raw).ifPresent(out::add);
        }
        return out;
    }

    /** {@code name.givenName}, {@code urn:…:enterprise:2.0:User:manager.value}, {@code urn:…:core:2.0:User:userName}. */
    static java.util.Optional<ResolvedPath> parsePath(ResourceTypeDef type, String raw) {
        String urn = null;
        String rest = raw;
        for (var schema : type.allSchemas()) {
            if (raw.regionMatches(true, 0, schema.urn() + ":", 0, schema.urn().length() + 1)) {
                urn = schema.urn();
                rest = raw.substring(schema.urn().length() + 1);
            }
        }
        int dot = rest.indexOf('.');
        String attr = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        return type.resolve(urn, attr, sub);
    }

    /** Whether the top-level attribute will appear at all (decides whether derived data is fetched). */
    public boolean wants(AttributeDef attribute) {
        if (attribute.returned() == Returned.ALWAYS) {
            return true;
        }
        if (exclude.stream()
                .anyMatch(p -> p.subAttribute() == null && p.attribute().equals(attribute))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(p -> p.attribute().equals(attribute));
    }

    /** Applies the projection to a fully rendered resource; returns a new node. */
    public ObjectNode apply(ResourceTypeDef type, ObjectNode full) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return full;
        }
        ObjectNode out = include.isEmpty() ? full.deepCopy() : keepOnly(type, full);
        for (ResolvedPath p : exclude) {
            if (p.leaf().returned() == Returned.ALWAYS) {
                continue;
            }
            ObjectNode container = container(type, out, p, false);
            if (container == null) {
                continue;
            }
            if (p.subAttribute() == null) {
                container.remove(p.attribute().name());
            } else {
                forEachElement(
                        container.get(p.attribute().name()),
                        e -> e.remove(p.subAttribute().name()));
            }
        }
        return out;
    }

    private ObjectNode keepOnly(ResourceTypeDef type, ObjectNode full) {
        ObjectNode out = full.objectNode();
        copyIfPresent(full, out, "schemas");
        // RFC 7644 §3.9: "returned: always" attributes (id, meta) come back whatever "attributes" names.
        for (AttributeDef attribute : type.core().attributes()) {
            if (attribute.returned() == Returned.ALWAYS) {
                copyIfPresent(full, out, attribute.name());
            }
        }
        for (ResolvedPath p : include) {
            ObjectNode from = container(type, full, p, false);
            if (from == null || !from.has(p.attribute().name())) {
                continue;
            }
            ObjectNode to = container(type, out, p, true);
            JsonNode value = from.get(p.attribute().name());
            if (p.subAttribute() == null) {
                to.set(p.attribute().name(), value.deepCopy()); // a copy: excludedAttributes may cut into it next
            } else {
                mergeSub(to, p, value);
            }
        }
        return out;
    }

    private static void mergeSub(ObjectNode to, ResolvedPath p, JsonNode value) {
        String attr = p.attribute().name();
        String sub = p.subAttribute().name();
        if (value.isArray()) {
            ArrayNode existing = to.has(attr) && to.get(attr).isArray() ? (ArrayNode) to.get(attr) : null;
            ArrayNode target = existing != null ? existing : to.putArray(attr);
            for (int i = 0; i < value.size(); i++) {
                ObjectNode element = i < target.size() ? (ObjectNode) target.get(i) : target.addObject();
                if (value.get(i).has(sub)) {
                    element.set(sub, value.get(i).get(sub));
                }
            }
        } else if (value.isObject() && value.has(sub)) {
            ObjectNode target =
                    to.has(attr) && to.get(attr).isObject() ? (ObjectNode) to.get(attr) : to.putObject(attr);
            target.set(sub, value.get(sub));
        }
    }

    private static ObjectNode container(ResourceTypeDef type, ObjectNode root, ResolvedPath p, boolean create) {
        if (!p.isExtension(type)) {
            return root;
        }
        JsonNode ext = root.get(p.schema().urn());
        if (ext instanceof ObjectNode o) {
            return o;
        }
        return create ? root.putObject(p.schema().urn()) : null;
    }

    private static void forEachElement(JsonNode value, java.util.function.Consumer<ObjectNode> action) {
        if (value instanceof ObjectNode o) {
            action.accept(o);
        } else if (value instanceof ArrayNode a) {
            a.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    action.accept(o);
                }
            });
        }
    }

    private static void copyIfPresent(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        }
    }
}
