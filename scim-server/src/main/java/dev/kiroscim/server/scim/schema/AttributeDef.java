package dev.kiroscim.server.scim.schema;

import java.util.List;
import java.util.Optional;

/**
 * One attribute of a SCIM schema (RFC 7643 §7), with the characteristics the server enforces.
 *
 * <p>Names are matched case-insensitively (RFC 7643 §2.1: "Attribute names are case insensitive"), but the
 * canonical spelling ({@link #name()}) is what we store and return: a client that sends {@code "USERNAME"}
 * gets {@code "userName"} back.
 *
 * @param name          canonical attribute name, e.g. {@code familyName}
 * @param schemaUrn     URN of the schema that defines it
 * @param type          data type
 * @param multiValued   true for e.g. {@code emails}
 * @param caseExact     false means string comparisons (filters, uniqueness) ignore case
 * @param required      RFC "required"
 * @param mutability    who may write it
 * @param returned      when it appears in responses
 * @param uniqueness    {@code none}, {@code server} or {@code global}
 * @param description   human text for {@code /Schemas}
 * @param subAttributes sub-attributes of a complex attribute, empty otherwise
 * @param referenceTypes for a reference attribute, what it may point at ({@code User}, {@code Group},
 *                       {@code external}, {@code uri}); empty otherwise
 */
public record AttributeDef(
        String name,
        String schemaUrn,
        AttributeType type,
        boolean multiValued,
        boolean caseExact,
        boolean required,
        Mutability mutability,
        Returned returned,
        String uniqueness,
        String description,
        List<AttributeDef> subAttributes,
        List<String> referenceTypes) {

    public AttributeDef {
        subAttributes = List.copyOf(subAttributes);
        referenceTypes = List.copyOf(referenceTypes);
    }

    public boolean isComplex() {
        return type == AttributeType.COMPLEX;
    }

    /** Looks a sub-attribute up by name, ignoring case. */
    public Optional<AttributeDef> sub(String subName) {
        return subAttributes.stream()
                .filter(s -> s.name().equalsIgnoreCase(subName))
                .findFirst();
    }

    public AttributeDef withMutability(Mutability m) {
        return new AttributeDef(
                name,
                schemaUrn,
                type,
                multiValued,
                caseExact,
                required,
                m,
                returned,
                uniqueness,
                description,
                subAttributes,
                referenceTypes);
    }

    public AttributeDef withType(AttributeType t) {
        return new AttributeDef(
                name,
                schemaUrn,
                t,
                multiValued,
                caseExact,
                required,
                mutability,
                returned,
                uniqueness,
                description,
                subAttributes,
                referenceTypes);
    }

    public AttributeDef withUniqueness(String u) {
        return new AttributeDef(
                name,
                schemaUrn,
                type,
                multiValued,
                caseExact,
                required,
                mutability,
                returned,
                u,
                description,
                subAttributes,
                referenceTypes);
    }

    public AttributeDef withReferenceTypes(List<String> types) {
        return new AttributeDef(
                name,
                schemaUrn,
                type,
                multiValued,
                caseExact,
                required,
                mutability,
                returned,
                uniqueness,
                description,
                subAttributes,
                types);
    }

    public AttributeDef withCaseExact(boolean exact) {
        return new AttributeDef(
                name,
                schemaUrn,
                type,
                multiValued,
                exact,
                required,
                mutability,
                returned,
                uniqueness,
                description,
                subAttributes,
                referenceTypes);
    }

    public AttributeDef withSubAttributes(List<AttributeDef> subs) {
        return new AttributeDef(
                name,
                schemaUrn,
                type,
                multiValued,
                caseExact,
                required,
                mutability,
                returned,
                uniqueness,
                description,
                subs,
                referenceTypes);
    }
}
