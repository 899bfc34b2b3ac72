package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Resolves Runscope-style property paths such as {@code Resources[0].name.familyName} in a Jackson tree.
 *
 * <p>An empty path is the whole document. Object keys are matched longest-first, so a SCIM extension URN that
 * itself contains dots works as one key: {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department}.
 * A path that leads nowhere yields {@link MissingNode} (never {@code null}).
 */
public final class PropertyPath {

    private PropertyPath() {}

    public static JsonNode resolve(JsonNode root, String path) {
        if (root == null) {
            return MissingNode.getInstance();
        }
        JsonNode node = root;
        String rest = path == null ? "" : path;
        while (!rest.isEmpty() && !node.isMissingNode()) {
            if (rest.startsWith(".")) {
                rest = rest.substring(1);
            } else if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ in property path " + path);
                }
                node = node.path(Integer.parseInt(rest.substring(1, close).strip()));
                rest = rest.substring(close + 1);
            } else {
                String key = longestKey(node, rest);
                node = node.path(key);
                rest = rest.substring(key.length());
            }
        }
        return node;
    }

    /** The longest field name of {@code node} that {@code rest} starts with, ending at '.', '[' or the end. */
    private static String longestKey(JsonNode node, String rest) {
        String best = null;
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (rest.startsWith(field)
                    && (rest.length() == field.length()
                            || rest.charAt(field.length()) == '.'
                            || rest.charAt(field.length()) == '[')
                    && (best == null || field.length() > best.length())) {
                best = field;
            }
        }
        if (best != null) {
            return best;
        }
        int end = rest.length();
        int dot = rest.indexOf('.');
        int bracket = rest.indexOf('[');
        if (dot >= 0) end = Math.min(end, dot);
        if (bracket >= 0) end = Math.min(end, bracket);
        return rest.substring(0, end);
    }
}
