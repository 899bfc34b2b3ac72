package dev.kiroscim.server.scim.query;

import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Locale;

/**
 * The one spelling of an attribute path in the attribute index: lower case, core attributes without their URN
 * ({@code name.givenname}, {@code emails.value}), extension attributes with it
 * ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:manager.value}). Used both when a user is
 * indexed and when a filter is translated, so the two always agree.
 */
public final class IndexPaths {

    private IndexPaths() {}

    public static String of(AttributeDef attribute, AttributeDef subAttribute) {
        String base = attribute.schemaUrn().equals(ScimSchemas.USER_URN)
                        || attribute.schemaUrn().equals(ScimSchemas.GROUP_URN)
                ? attribute.name()
                : attribute.schemaUrn() + ":" + attribute.name();
        String path = subAttribute == null ? base : base + "." + subAttribute.name();
        return path.toLowerCase(Locale.ROOT);
    }
}
