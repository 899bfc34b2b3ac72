package dev.kiroscim.core.policy;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * A YAML value that remembers the line it starts on, so validation can point at it.
 * Jackson's {@code JsonNode} tree drops locations, hence this small tree of our own. The whole of
 * {@code kiro-scim.yaml} is read into one such tree ({@link YamlTreeReader}); the policy and every other config
 * section validate their part of it.
 */
public sealed interface YamlNode {
    int line();

    /** {@code text} is null for YAML null ({@code ~} or an empty value); {@code isNumber} is true for unquoted numbers. */
    record Scalar(int line, String text, boolean isNumber) implements YamlNode {
        public boolean isNull() {
            return text == null;
        }
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {}

    /** Keys keep file order; {@code keyLines} holds the line of each key. */
    record Mapping(int line, LinkedHashMap<String, YamlNode> entries, LinkedHashMap<String, Integer> keyLines)
            implements YamlNode {}

    /** For messages: {@code 'text'}, {@code nothing}, {@code a list} or {@code a mapping}. */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s) {
            return s.isNull() ? "nothing" : "'" + s.text() + "'";
        }
        return node instanceof Sequence ? "a list" : "a mapping";
    }
}
