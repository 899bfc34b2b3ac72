package dev.kiroscim.server.scim.quirks;

import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;

/**
 * {@code password} is accepted in POST/PUT bodies and PATCH operations and then thrown away.
 *
 * <p>Okta sends a placeholder {@code password} on every create, and password sync sends
 * {@code {"op":"replace","value":{"password":"…"}}}. Kiro authenticates through IAM Identity Center, so we have
 * no use for it: we never store, log or return it, and the operation succeeds as a no-op.
 *
 * <p>Source: idp-compat.md I10, §1.4, §1.8 (Okta "Password sync").
 */
public final class PasswordAcceptedNotStored implements IdpQuirk {

    PasswordAcceptedNotStored() {
    }

    public boolean isPassword(AttributeDef attribute) {
        return attribute.name().equals("password") && attribute.schemaUrn().equals(ScimSchemas.USER_URN);
    }

    public boolean isPassword(String attributeName) {
        return "password".equalsIgnoreCase(attributeName);
    }

    @Override public String idp() { return "Okta"; }
    @Override public String description() { return "password in bodies and PATCH ops is accepted and discarded (never stored)"; }
    @Override public String source() { return "idp-compat.md I10, §1.4, §1.8"; }
}
