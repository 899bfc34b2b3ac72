package dev.kiroscim.server.scim.quirks;

import dev.kiroscim.server.scim.patch.PatchOpType;
import java.util.Locale;
import java.util.Optional;

/**
 * PATCH {@code op} names in any case: Entra sends {@code "Replace"}, {@code "Add"}, {@code "Remove"}.
 *
 * <p>RFC 7644 §3.5.2 spells the operations in lower case. Entra's default mode (without
 * {@code aadOptscim062020}) capitalises them, and servers that compare case-sensitively reject every Entra
 * update, so offboarding silently fails.
 * <pre>{"op":"Replace","path":"active","value":"False"}  →  replace</pre>
 *
 * <p>Source: idp-compat.md I3, §2.5 and §4 bug #1; https://github.com/imulab/go-scim/pull/46,
 * https://github.com/elimity-com/scim/pull/79.
 */
public final class CaseInsensitivePatchOps implements IdpQuirk {

    CaseInsensitivePatchOps() {
    }

    /** The operation named by {@code op}, ignoring case; empty for anything else. */
    public Optional<PatchOpType> parse(String op) {
        if (op == null) {
            return Optional.empty();
        }
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "add" -> Optional.of(PatchOpType.ADD);
            case "replace" -> Optional.of(PatchOpType.REPLACE);
            case "remove" -> Optional.of(PatchOpType.REMOVE);
            default -> Optional.empty();
        };
    }

    @Override public String idp() { return "Microsoft Entra ID"; }
    @Override public String description() { return "PATCH op names are matched case-insensitively (Add/Replace/Remove)"; }
    @Override public String source() { return "idp-compat.md I3, §2.5; https://github.com/imulab/go-scim/pull/46"; }
}
