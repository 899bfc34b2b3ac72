package dev.kiroscim.server.scim.filter;

/**
 * An attribute path as in RFC 7644 §3.10 ({@code attrPath = [URI ":"] ATTRNAME *1subAttr}).
 *
 * <p>Examples: {@code userName} → {@code (null, "userName", null)}; {@code name.familyName} →
 * {@code (null, "name", "familyName")}; {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}
 * → {@code ("urn:…:enterprise:2.0:User", "manager", "value")}. Names are kept as written; matching them against the
 * schema (case-insensitively) is the caller's job.
 *
 * @param schemaUrn the schema URN prefix, or {@code null} when the path is unqualified
 * @param attribute the attribute name; {@code null} only in a {@link PatchPath} that names a whole extension
 *     ({@code urn:…:enterprise:2.0:User}), in which case {@code schemaUrn} is set and {@code subAttribute} is null
 * @param subAttribute the sub-attribute name, or {@code null}
 */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {

    public AttributePath {
        if (attribute == null && (schemaUrn == null || subAttribute != null)) {
            throw new IllegalArgumentException("an attribute path without attribute must be a bare schema URN");
        }
    }

    /** @return an unqualified path without sub-attribute, e.g. {@code type} inside {@code emails[type eq "work"]}. */
    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    /** @return the canonical text, e.g. {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (schemaUrn != null) {
            text.append(schemaUrn);
            if (attribute != null) {
                text.append(':');
            }
        }
        if (attribute != null) {
            text.append(attribute);
        }
        if (subAttribute != null) {
            text.append('.').append(subAttribute);
        }
        return text.toString();
    }
}
