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
record PatchTarget(SchemaDef schema, AttributeDef attribute, AttributeDef subAttribute, Filter filter, String text) {

    boolean isWholeExtension() {
        return attribute == null;
    }
}
