package dev.kiroscim.it.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates a JSON body: on the tree (a value of another type, a hostile string, deep nesting, a number at its
 * limit, a dropped or unknown key, an array blown past its bound, a random filter or PATCH path where one belongs)
 * or on the text (duplicate keys, lone-surrogate and NUL escapes, bytes that are not UTF-8, truncation).
 */
final class JsonMutations {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The fuzzer nests deeper than the server accepts (64) on purpose; Jackson's writer would stop it at 1000.
        MAPPER.getFactory()
                .setStreamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(100_000)
                        .build());
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SplittableRandom random;
    private final List<String> applied;

    JsonMutations(SplittableRandom random, List<String> applied) {
        this.random = random;
        this.applied = applied;
    }

    /** A slot in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index, JsonNode value) {
        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    /** Upper bound on the characters one copy mutation writes (4 MB: four times the server's body limit). */
    static final long MAX_COPIED_CHARS = 4_000_000;

    byte[] mutate(JsonNode body, int rounds) {
        JsonNode tree = body.deepCopy();
        for (int i = 0; i < rounds; i++) {
            mutateTree(tree);
        }
        String text = write(tree);
        if (random.nextInt(4) == 0) {
            return mutateText(text);
        }
        return encode(text);
    }

    private void mutateTree(JsonNode tree) {
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = Grammar.pick(random, slots);
        String where = slot.field() != null ? slot.field() : "[" + slot.index() + "]";
        if (isPatchPath(slot) && random.nextBoolean()) {
            slot.set(TextNode.valueOf(Grammar.patchPath(random)));
            applied.add("patch path at " + where);
            return;
        }
        if (isFilter(slot) && random.nextBoolean()) {
            slot.set(TextNode.valueOf(Grammar.filter(random)));
            applied.add("filter at " + where);
            return;
        }
        switch (random.nextInt(9)) {
            case 0 -> {
                slot.set(otherType());
                applied.add("type at " + where);
            }
            case 1, 2 -> {
                slot.set(TextNode.valueOf(Strings.text(random)));
                applied.add("string at " + where);
            }
            case 3 -> {
                JsonNode nested = slot.value();
                int depth = Grammar.pick(random, List.of(2, 10, 63, 64, 65, 200, 500));
                for (int d = 0; d < depth; d++) {
                    nested = random.nextBoolean()
                            ? JSON.arrayNode().add(nested)
                            : JSON.objectNode().set("n", nested);
                }
                slot.set(nested);
                applied.add("nesting " + depth + " at " + where);
            }
            case 4 -> {
                slot.set(JSON.numberNode(
                        new java.math.BigDecimal(Grammar.pick(random, Strings.NUMBERS.subList(0, 21)))));
                applied.add("number at " + where);
            }
            case 5 -> {
                if (slot.parent() instanceof ObjectNode o) {
                    o.remove(slot.field());
                } else {
                    ((ArrayNode) slot.parent()).remove(slot.index());
                }
                applied.add("drop " + where);
            }
            case 6 -> {
                if (slot.parent() instanceof ObjectNode o) {
                    o.set(
                            Grammar.pick(
                                    random,
                                    List.of(
                                            "unknownKey",
                                            slot.field().toUpperCase(),
                                            "$ref",
                                            "",
                                            "\u0000",
                                            "schemas",
                                            "id",
                                            "meta",
                                            "Operations",
                                            "members",
                                            "groups")),
                            otherType());
                    applied.add("extra key beside " + where);
                }
            }
            case 7 -> {
                ArrayNode many = JSON.arrayNode();
                int count = Grammar.pick(random, List.of(2, 100, 101, 1000, 10_001));
                // Copies of copies grow geometrically over rounds; keep a body near the server's 1 MiB limit
                // (over it is still tested), not past what a Java String can hold.
                long size = slot.value() == null ? 4 : slot.value().toString().length();
                if (size * count > MAX_COPIED_CHARS) {
                    count = (int) Math.max(2, MAX_COPIED_CHARS / Math.max(1, size));
                }
                for (int n = 0; n < count; n++) {
                    many.add(
                            slot.value() == null
                                    ? JSON.nullNode()
                                    : slot.value().deepCopy());
                }
                slot.set(many);
                applied.add(count + " copies at " + where);
            }
            default -> {
                slot.set(JSON.booleanNode(random.nextBoolean()));
                applied.add("boolean at " + where);
            }
        }
    }

    private JsonNode otherType() {
        return switch (random.nextInt(7)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.numberNode(random.nextInt());
            case 2 -> JSON.textNode(Grammar.pick(random, List.of("True", "false", "", " ", "1", "null", "[]", "{}")));
            case 3 -> JSON.arrayNode().add("x").add(JSON.objectNode().put("value", "v"));
            case 4 -> JSON.objectNode().put("value", Strings.text(random));
            case 5 -> JSON.arrayNode();
            default -> JSON.objectNode();
        };
    }

    private static boolean isPatchPath(Slot slot) {
        return "path".equalsIgnoreCase(slot.field())
                && slot.value() != null
                && slot.value().isTextual();
    }

    private static boolean isFilter(Slot slot) {
        return ("filter".equals(slot.field()) || "sortBy".equals(slot.field())) && slot.value() != null;
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                JsonNode v = o.get(name);
                slots.add(new Slot(o, name, -1, v));
                collect(v, slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i, a.get(i)));
                collect(a.get(i), slots);
            }
        }
    }

    private byte[] mutateText(String text) {
        switch (random.nextInt(6)) {
            case 0 -> {
                int brace = text.indexOf('{');
                if (brace >= 0) {
                    String key = Grammar.pick(
                            random, List.of("userName", "displayName", "schemas", "Operations", "members", "active"));
                    applied.add("duplicate key " + key);
                    return encode(text.substring(0, brace + 1) + "\"" + key + "\":"
                            + Grammar.pick(random, List.of("\"dup\"", "null", "[]", "{}", "1")) + ","
                            + text.substring(brace + 1));
                }
                return encode(text);
            }
            case 1 -> {
                int at = random.nextInt(text.length() + 1);
                applied.add("truncated at " + at);
                return encode(text.substring(0, at));
            }
            case 2 -> {
                byte[] bytes = encode(text);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = random.nextInt(bytes.length + 1);
                out.write(bytes, 0, at);
                byte[] junk = Grammar.pick(
                        random,
                        List.of(
                                new byte[] {(byte) 0xC3, 0x28},
                                new byte[] {(byte) 0xFF},
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                new byte[] {0},
                                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
                out.write(junk, 0, junk.length);
                out.write(bytes, at, bytes.length - at);
                applied.add("invalid UTF-8 at byte " + at);
                return out.toByteArray();
            }
            case 3 -> {
                applied.add("escapes in strings");
                return encode(text.replaceFirst(
                        "\":\"",
                        "\":\""
                                + Grammar.pick(
                                        random,
                                        List.of(
                                                "\\\\u0000",
                                                "\\\\ud800",
                                                "\\\\udfff\\\\ud800",
                                                "\\\\u001f",
                                                "\\\\\"",
                                                "\\\\x"))));
            }
            case 4 -> {
                applied.add("random bytes body");
                byte[] bytes = new byte[random.nextInt(200)];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            default -> {
                applied.add("trailing garbage");
                return encode(text + Grammar.pick(random, List.of("}", " {}", "\u0000", "//", ",")));
            }
        }
    }

    /** Serialises; lone-surrogate markers become {@code \ud800}/{@code \udc00} escapes in the JSON text. */
    static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree)
                    .replace("\\u0001LONEHIGH\\u0001", "\\ud800")
                    .replace("\\u0001LONELOW\\u0001", "\\udc00");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
