package dev.kiroscim.server.scim.quirks;

import dev.kiroscim.server.scim.schema.AttributeDef;

/**
 * {@code add} on a single-valued attribute that already has a value replaces it.
 *
 * <p>RFC 7644 §3.5.2.1 says "if the target location specifies a single-valued attribute, the existing value is
 * replaced", but many servers implement {@code add} for multi-valued attributes only. Entra sends {@code Add} for
 * {@code nickName}, {@code externalId} and the enterprise {@code department}:
 * <pre>{"op":"Add","path":"nickName","value":"Babs"}  →  nickName = "Babs" (whatever it was)</pre>
 *
 * <p>Source: idp-compat.md I8, §2.5, §2.7, §4 bug #10; https://github.com/rancher/rancher/pull/55776,
 * https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/416.
 */
public final class AddOnSingleValuedMeansReplace implements IdpQuirk {

    AddOnSingleValuedMeansReplace() {
    }

    /** True when an {@code add} targeting this attribute is applied as a {@code replace}. */
    public boolean addActsAsReplace(AttributeDef attribute) {
        return !attribute.multiValued();
    }

    @Override public String idp() { return "Microsoft Entra ID"; }
    @Override public String description() { return "add on a single-valued attribute replaces the existing value"; }
    @Override public String source() { return "idp-compat.md I8, §2.5; https://github.com/rancher/rancher/pull/55776"; }
}
