package dev.kiroscim.server.scim.quirks;

import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;

/**
 * POST/PUT bodies may carry read-only and unknown attributes; we drop them instead of answering 400.
 *
 * <p>RFC 7644 §3.5.1 already lets a service provider ignore read-only attributes on PUT. Okta PUTs back what we
 * returned from GET ({@code id}, {@code meta}, {@code groups}, {@code emails[].display}) and always sends
 * {@code "groups": []} on create; Entra sends {@code meta}, {@code roles: []} and the Microsoft group schema URI
 * {@code http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group} in {@code schemas}.
 * Unknown attributes and extension URNs we don't serve are dropped too, so a custom Okta/Entra mapping never
 * breaks provisioning.
 * <pre>
 * sent:       {"schemas":[…],"id":"x","meta":{…},"groups":[],"userName":"a","favouriteColour":"red"}
 * normalised: {"userName":"a"}
 * </pre>
 * The same holds for sub-attributes ({@code emails[].display} is kept, an unknown {@code emails[].label} dropped)
 * and for the keys of a path-less PATCH value. The reader behind it answers 400 for an unknown attribute.
 *
 * <p>Source: docs/idp-quirks.md §I10.
 */
public final class ReadOnlyAndUnknownInputIgnored implements IdpQuirk {

    ReadOnlyAndUnknownInputIgnored() {}

    /** True when a body attribute (or sub-attribute) must be dropped: unknown (null definition) or read-only. */
    public boolean drop(AttributeDef definitionOrNull) {
        return definitionOrNull == null || definitionOrNull.mutability() == Mutability.READ_ONLY;
    }

    @Override
    public String idp() {
        return "Okta, Microsoft Entra ID";
    }

    @Override
    public String description() {
        return "id, meta, groups, schemas, read-only sub-attributes and unknown attributes in POST/PUT bodies are ignored";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I10";
    }
}
