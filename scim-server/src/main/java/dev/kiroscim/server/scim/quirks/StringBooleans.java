package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Booleans sent as strings: {@code "True"}, {@code "False"}, {@code "true"}, {@code "false"} (any case).
 *
 * <p>RFC 7643 §2.3.2 makes {@code active} and {@code primary} JSON booleans. Entra's default mapping for
 * {@code active} is the string expression {@code Switch([IsSoftDeleted], , "False", "True", "True", "False")},
 * so it sends {@code "active":"False"} in POST and PATCH, and the validator filters with
 * {@code roles[primary eq "True"]}. We store a real boolean.
 * <pre>{"op":"Replace","path":"active","value":"False"}  →  "active": false</pre>
 *
 * <p>Source: idp-compat.md I4, §2.3, §2.5, §4 bug #2; https://github.com/AzureAD/SCIMReferenceCode/issues/21,
 * https://github.com/scimmyjs/scimmy/issues/86.
 */
public final class StringBooleans implements IdpQuirk {

    StringBooleans() {
    }

    /** A JSON boolean, or a string spelling {@code true}/{@code false} in any case; empty for anything else. */
    public Optional<Boolean> parse(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        return node.isTextual() ? parse(node.textValue()) : Optional.empty();
    }

    /** {@code "True"} → true, {@code "false"} → false, anything else → empty. */
    public Optional<Boolean> parse(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.TRUE);
        }
        if ("false".equalsIgnoreCase(text)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    @Override public String idp() { return "Microsoft Entra ID"; }
    @Override public String description() { return "Boolean attributes and filter values accept \"True\"/\"False\" strings, stored as JSON booleans"; }
    @Override public String source() { return "idp-compat.md I4, §2.3, §2.5; https://github.com/AzureAD/SCIMReferenceCode/issues/21"; }
}
