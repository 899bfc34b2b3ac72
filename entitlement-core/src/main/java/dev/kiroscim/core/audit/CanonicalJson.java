package dev.kiroscim.core.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON that audit hashes are computed over. One value has exactly one text:
 * <ul>
 *   <li>objects: members sorted by key in UTF-16 code-unit order ({@link String#compareTo}), as in RFC 8785;
 *       a member whose value is null is written as {@code "key":null} (it is not dropped);</li>
 *   <li>no whitespace anywhere outside strings;</li>
 *   <li>strings: {@code "} and {@code \} escaped as {@code \"} and {@code \\}; U+0008, U+0009, U+000A, U+000C,
 *       U+000D as {@code \b \t \n \f \r}; other code points below U+0020 as {@code \}{@code u00xx} (lower-case
 *       hex); everything else, including non-ASCII and {@code /}, written as itself (UTF-8);</li>
 *   <li>numbers: integers only ({@link Integer}, {@link Long}), in plain decimal ({@code -12}, {@code 0});
 *       other numbers are rejected, so no float formatting rule is needed;</li>
 *   <li>{@code true}, {@code false}, {@code null}; arrays keep their order.</li>
 * </ul>
 * Example: {@code {"b":[1,"x\n"],"a":null}} is written {@code {"a":null,"b":[1,"x\n"]}}.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** A deep, sorted, unmodifiable copy that only holds canonical values; rejects anything else. */
    public static Map<String, Object> copyOf(Map<String, Object> details) {
        if (details == null) {
            return Collections.emptySortedMap();
        }
        return copyMap(details);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map) {
        TreeMap<String, Object> copy = new TreeMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings: " + k);
            }
            copy.put(key, copyValue(v));
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    private static Object copyValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            return copyMap(m);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(e -> copy.add(copyValue(e)));
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(
                "not a canonical JSON value (strings, integers, booleans, null, lists, maps): "
                        + v.getClass().getSimpleName());
    }

    /** Reads JSON written by {@link #write} (or any JSON object with integer numbers) back into canonical values. */
    public static Map<String, Object> parseObject(String json) {
        try {
            Object value = READER.readValue(json, Object.class);
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("not a JSON object: " + json);
            }
            return copyMap(map);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper READER =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);

    private static void write(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer) {
            out.append(v);
        } else if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, value) -> sorted.put((String) k, value));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(l.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a canonical JSON value: " + v.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
