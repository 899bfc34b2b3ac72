package dev.kiroscim.server.scim.filter;

import java.util.Objects;

/**
 * The {@code path} of a PATCH operation, RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath [subAttr]}.
 *
 * <p>Examples:
 * <ul>
 *   <li>{@code name.givenName} → {@code (name.givenName, null, null)}</li>
 *   <li>{@code members[value eq "2819c223"]} → {@code (members, value eq "2819c223", null)}</li>
 *   <li>{@code emails[type eq "work"].value} → {@code (emails, type eq "work", "value")}</li>
 *   <li>{@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} →
 *       {@code (urn…:User:manager.value, null, null)}</li>
 *   <li>{@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} → the whole extension: an
 *       {@link AttributePath} whose {@code attribute} is null</li>
 * </ul>
 *
 * @param attribute the targeted attribute; when {@code valueFilter} is set it has no sub-attribute
 * @param valueFilter the filter in brackets selecting elements of a multi-valued attribute (relative paths), or null
 * @param subAttribute the sub-attribute after {@code ].}, or null
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public PatchPath {
        Objects.requireNonNull(attribute, "attribute");
        if (subAttribute != null && valueFilter == null) {
            throw new IllegalArgumentException(
                    "a sub-attribute after ']' needs a value filter; use AttributePath.subAttribute");
        }
    }

    /** @return the canonical text, e.g. {@code emails[type eq "work"].value}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(attribute.toString());
        if (valueFilter != null) {
            text.append('[').append(valueFilter).append(']');
        }
        if (subAttribute != null) {
            text.append('.').append(subAttribute);
        }
        return text.toString();
    }
}
