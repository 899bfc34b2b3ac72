package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Set;

/**
 * PATCH {@code op} names in any case: Entra sends {@code "Replace"}, {@code "Add"}, {@code "Remove"}.
 *
 * <p>RFC 7644 §3.5.2 spells the operations in lower case. Entra's default mode (without
 * {@code aadOptscim062020}) capitalises them, and servers that compare case-sensitively reject every Entra
 * update, so offboarding silently fails.
 * <pre>
 * sent:       {"op":"Replace","path":"active","value":false}
 * normalised: {"op":"replace","path":"active","value":false}
 * </pre>
 * Anything that is not one of the three names is left as sent, for the engine to reject.
 *
 * <p>Source: docs/idp-quirks.md §I3; https://github.com/imulab/go-scim/pull/46,
 * https://github.com/elimity-com/scim/pull/79.
 */
public final class CaseInsensitivePatchOps implements IdpQuirk {

    private static final Set<String> RFC_NAMES = Set.of("add", "replace", "remove");

    CaseInsensitivePatchOps() {}

    /** The {@code op} in RFC spelling when it names add/replace/remove in any case; otherwise {@code op} itself. */
    public JsonNode normalize(JsonNode op) {
        if (op == null || !op.isTextual()) {
            return op;
        }
        String lower = op.textValue().toLowerCase(Locale.ROOT);
        return RFC_NAMES.contains(lower) ? TextNode.valueOf(lower) : op;
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "PATCH op names are matched case-insensitively (Add/Replace/Remove)";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I3; https://github.com/imulab/go-scim/pull/46";
    }
}
