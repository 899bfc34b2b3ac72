package dev.kiroscim.server.scim.schema;

/**
 * An attribute reference resolved against a resource type: which schema, which attribute and, optionally,
 * which sub-attribute. {@code emails.value} resolves to (core User, emails, value);
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} to (enterprise, manager, value).
 */
public record ResolvedPath(SchemaDef schema, AttributeDef attribute, AttributeDef subAttribute) {

    /** The attribute the path finally designates: the sub-attribute if any, else the attribute. */
    public AttributeDef leaf() {
        return subAttribute != null ? subAttribute : attribute;
    }

    public boolean isExtension(ResourceTypeDef type) {
        return !schema.urn().equals(type.core().urn());
    }

    /** Canonical dotted text without the core schema URN, e.g. {@code name.givenName} or {@code urn:…:User:manager.value}. */
    public String canonical(ResourceTypeDef type) {
        String base = isExtension(type) ? schema.urn() + ":" + attribute.name() : attribute.name();
        return subAttribute == null ? base : base + "." + subAttribute.name();
    }
}
