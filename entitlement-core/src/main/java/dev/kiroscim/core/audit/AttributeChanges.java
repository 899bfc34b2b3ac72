package dev.kiroscim.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroscim.core.directory.UserRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Before → after of the attributes a change touched, for audit details: {@code {"title":{"before":"Dev",
 * "after":"Lead"}}}. Compares the users' SCIM documents top-level attribute by attribute; an attribute that
 * appears or disappears has {@code null} on the other side. Never reports {@link #NEVER_RECORDED} attributes
 * ({@code password} is not stored anyway; this is a second line of defence), nor {@code active}, which has its
 * own event types.
 */
public final class AttributeChanges {

    static final Set<String> NEVER_RECORDED = Set.of("password", "meta", "id", "groups", "schemas", "active");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AttributeChanges() {}

    public static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    public static Map<String, Object> between(UserRecord before, UserRecord after) {
        JsonNode a = parse(before.document());
        JsonNode b = parse(after.document());
        Set<String> names = new HashSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        Map<String, Object> changes = new TreeMap<>();
        for (String name : names) {
            if (NEVER_RECORDED.contains(name)) {
                continue;
            }
            JsonNode x = a.get(name);
            JsonNode y = b.get(name);
            if (x == null ? y != null : !x.equals(y)) {
                changes.put(name, change(value(x), value(y)));
            }
        }
        return changes;
    }

    private static JsonNode parse(String document) {
        try {
            JsonNode node = document == null ? null : MAPPER.readTree(document);
            return node != null && node.isObject() ? node : MAPPER.createObjectNode();
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** A JSON value as a canonical value; non-integer numbers become their decimal text. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(value(e)));
            return list;
        }
        Map<String, Object> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            if (!NEVER_RECORDED.contains(e.getKey()) || e.getKey().equals("active")) {
                map.put(e.getKey(), value(e.getValue()));
            }
        });
        return map;
    }
}
