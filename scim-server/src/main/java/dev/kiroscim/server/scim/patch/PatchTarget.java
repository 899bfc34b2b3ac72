package dev.kiroscim.server.scim.patch;

import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;

/**
 * A PATCH path resolved against the schema.
 *
 * @param schema       the schema holding the attribute (or the whole extension when {@code attribute} is null)
 * @param attribute    the attribute, or null for a whole-extension path {@code urn:…:enterprise:2.0:User}
 * @param subAttribute the sub-attribute ({@code name.givenName}, {@code emails[…].value}), or null
 * @param filter       the value filter in brackets, or null
 * @param text         the path as the client wrote it, for error messages
 */
public record PatchTarget(
        SchemaDef schema, AttributeDef attribute, AttributeDef subAttribute, Filter filter, String text) {

    public boolean isWholeExtension() {
        return attribute == null;
    }

    /**
     * True for a single-valued reference to another resource, e.g. the Enterprise {@code manager}
     * ({@code {"value","$ref","displayName"}}): its sub-attributes describe one resource, so a new value replaces the
     * old one whole instead of merging into it, and {@code manager[value eq "id"]} may select it like a list of one.
     */
    public static boolean isSingleReference(AttributeDef attribute) {
        return !attribute.multiValued()
                && attribute.isComplex()
                && attribute.sub("$ref").isPresent();
    }
}
