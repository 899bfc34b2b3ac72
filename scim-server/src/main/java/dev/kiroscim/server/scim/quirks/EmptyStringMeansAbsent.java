package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An empty string is treated as "no value": we never store {@code ""}.
 *
 * <p>Our choice for Okta's OIN QA case C9337 "Push empty values" (must not error) and Entra's gallery test
 * "SCIM_Null_Update" (PATCH with {@code ""} clears the attribute). Storing {@code ""} would make
 * {@code title pr} true for a user who has no title; dropping it keeps presence filters honest. A required
 * attribute ({@code userName}, group {@code displayName}) that is empty is therefore missing and gets 400.
 * <pre>{"userName":"a","title":""}  →  {"userName":"a"}</pre>
 *
 * <p>Source: idp-compat.md §1.7 (C9337), §1.11, §2.11 (SCIM_Null_Update); Okta test plan
 * okta-scim-test-plan-v2.xlsx.
 */
public final class EmptyStringMeansAbsent implements IdpQuirk {

    EmptyStringMeansAbsent() {
    }

    public boolean isAbsent(JsonNode node) {
        return node != null && node.isTextual() && node.textValue().isEmpty();
    }

    @Override public String idp() { return "Okta, Microsoft Entra ID"; }
    @Override public String description() { return "Empty strings are treated as absent values (never stored); replace with \"\" clears"; }
    @Override public String source() { return "idp-compat.md §1.7 (Okta C9337 push empty values), §2.11 (SCIM_Null_Update)"; }
}
