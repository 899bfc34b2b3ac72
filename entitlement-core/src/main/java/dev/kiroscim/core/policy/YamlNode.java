package dev.kiroscim.core.policy;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A YAML value that remembers the line it starts on, so validation can point at it.
 * Jackson's {@code JsonNode} tree drops locations, hence this small tree of our own.
 */
sealed interface YamlNode {
    int line();

    /** {@code text} is null for YAML null ({@code ~} or an empty value); {@code isNumber} is true for unquoted numbers. */
    record Scalar(int line, String text, boolean isNumber) implements YamlNode {
        boolean isNull() {
            return text == null;
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
    }

    /** Keys keep file order; {@code keyLines} holds the line of each key. */
    record Mapping(int line, LinkedHashMap<String, YamlNode> entries, LinkedHashMap<String, Integer> keyLines)
            implements YamlNode {
    }

    static String describe(YamlNode node) {
        if (node instanceof Scalar s) {
            return s.isNull() ? "nothing" : "'" + s.text() + "'";
        }
        return node instanceof Sequence ? "a list" : "a mapping";
    }
}
