package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * An empty string is treated as "no value": we never store {@code ""}.
 *
 * <p>Our choice for Okta's OIN QA case C9337 "Push empty values" (must not error) and Entra's gallery test
 * "SCIM_Null_Update" (PATCH with {@code ""} clears the attribute). Storing {@code ""} would make
 * {@code title pr} true for a user who has no title; as {@code null} it is unassigned (RFC 7643 §2.5), which keeps
 * presence filters honest. A required attribute ({@code userName}, group {@code displayName}) that is empty is
 * therefore missing and gets 400.
 * <pre>
 * sent:       {"userName":"a","title":""}                 {"op":"replace","path":"title","value":""}
 * normalised: {"userName":"a","title":null}               {"op":"replace","path":"title","value":null}
 * </pre>
 *
 * <p>Source: docs/idp-quirks.md §E1 (Okta C9337, Entra SCIM_Null_Update).
 */
public final class EmptyStringMeansAbsent implements IdpQuirk {

    EmptyStringMeansAbsent() {}

    /** JSON {@code null} for {@code ""}; any other value unchanged. */
    public JsonNode normalize(JsonNode value) {
        return value != null && value.isTextual() && value.textValue().isEmpty() ? NullNode.getInstance() : value;
    }

    @Override
    public String idp() {
        return "Okta, Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "Empty strings are treated as absent values (never stored); replace with \"\" clears";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §E1 (Okta C9337 push empty values, Entra SCIM_Null_Update)";
    }
}
