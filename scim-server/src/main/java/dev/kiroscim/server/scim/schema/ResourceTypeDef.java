package dev.kiroscim.server.scim.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SCIM resource type (RFC 7643 §6): its endpoint, core schema and extension schemas.
 *
 * <p>{@link #resolve} turns the three parts of an attribute path (schema URN, attribute, sub-attribute), as a
 * client wrote them, into schema definitions. A path without a URN is looked up in the core schema first and
 * then in the extensions, so {@code employeeNumber} finds the Enterprise User attribute.
 */
public record ResourceTypeDef(
        String name, String endpoint, String description, SchemaDef core, List<SchemaDef> extensions) {

    public ResourceTypeDef {
        extensions = List.copyOf(extensions);
    }

    public List<SchemaDef> allSchemas() {
        List<SchemaDef> all = new ArrayList<>();
        all.add(core);
        all.addAll(extensions);
        return all;
    }

    public Optional<SchemaDef> schema(String urn) {
        return allSchemas().stream().filter(s -> s.urn().equalsIgnoreCase(urn)).findFirst();
    }

    public Optional<SchemaDef> extension(String urn) {
        return extensions.stream().filter(s -> s.urn().equalsIgnoreCase(urn)).findFirst();
    }

    /**
     * Resolves an attribute path. Returns empty when the schema, attribute or sub-attribute is unknown, or when a
     * sub-attribute is named on a non-complex attribute.
     *
     * @param schemaUrn    nullable; when null the core schema is tried first, then each extension
     * @param attribute    attribute name, any case
     * @param subAttribute nullable sub-attribute name, any case
     */
    public Optional<ResolvedPath> resolve(String schemaUrn, String attribute, String subAttribute) {
        List<SchemaDef> candidates = schemaUrn == null
                ? allSchemas()
                : schema(schemaUrn).map(List::of).orElse(List.of());
        for (SchemaDef schema : candidates) {
            Optional<AttributeDef> attr = schema.attribute(attribute);
            if (attr.isEmpty()) {
                continue;
            }
            if (subAttribute == null) {
                return Optional.of(new ResolvedPath(schema, attr.get(), null));
            }
            return attr.get().sub(subAttribute).map(sub -> new ResolvedPath(schema, attr.get(), sub));
        }
        return Optional.empty();
    }
}
