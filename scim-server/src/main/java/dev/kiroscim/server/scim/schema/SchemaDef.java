package dev.kiroscim.server.scim.schema;

import java.util.List;
import java.util.Optional;

/** A SCIM schema (RFC 7643 §7): a URN and its attributes. */
public record SchemaDef(String urn, String name, String description, List<AttributeDef> attributes) {

    public SchemaDef {
        attributes = List.copyOf(attributes);
    }

    /** Looks an attribute up by name, ignoring case. */
    public Optional<AttributeDef> attribute(String attributeName) {
        return attributes.stream()
                .filter(a -> a.name().equalsIgnoreCase(attributeName))
                .findFirst();
    }
}
