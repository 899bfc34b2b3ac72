package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON {@code null} value is treated as "attribute not given".
 *
 * <p>RFC 7643 §2.5 already says null is equivalent to unassigned; we make it explicit because older Entra
 * payloads carry {@code "addresses": null, "title": null} and Okta AIW PUTs carry {@code "display": null} on
 * members. Strict deserialisers reject those bodies.
 * <pre>{"userName":"a","title":null}  →  {"userName":"a"}</pre>
 * In a PATCH {@code replace} a null value clears the target (Entra's gallery "SCIM_Null_Update" test).
 *
 * <p>Source: idp-compat.md I10, §2.3, §2.11; https://github.com/jelhub/scimgateway/issues/95.
 */
public final class NullMeansAbsent implements IdpQuirk {

    NullMeansAbsent() {
    }

    public boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    @Override public String idp() { return "Microsoft Entra ID, Okta"; }
    @Override public String description() { return "JSON null values are dropped as if the attribute were absent; replace with null clears"; }
    @Override public String source() { return "idp-compat.md I10, §2.3; https://github.com/jelhub/scimgateway/issues/95"; }
}
