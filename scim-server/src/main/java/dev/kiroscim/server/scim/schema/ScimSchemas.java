package dev.kiroscim.server.scim.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.directory.scim.spec.extension.EnterpriseExtension;
import org.apache.directory.scim.spec.resources.ScimGroup;
import org.apache.directory.scim.spec.resources.ScimUser;
import org.apache.directory.scim.spec.schema.Schema;
import org.apache.directory.scim.spec.schema.Schemas;

/**
 * The schemas this server serves: core User, Enterprise User and core Group.
 *
 * <p>The attribute definitions come from Apache SCIMple 1.0.0-M1's annotated resource classes
 * ({@link Schemas#schemaFor}), so the wording and sub-attributes match the library. SCIMple's annotations
 * disagree with RFC 7643 §8.7 in a few places; {@link #rfcCorrections} fixes each one, so the server never
 * advertises or enforces the wrong characteristic:
 * <ul>
 *   <li>{@code id} is caseExact (§3.1);</li>
 *   <li>{@code meta} and User {@code groups} are readOnly (§3.1, §4.1.2) — SCIMple says readWrite;</li>
 *   <li>{@code groups.type} and {@code members.type} are strings, not complex;</li>
 *   <li>{@code manager.$ref} is a reference to a User; {@code groups.$ref} to a Group, {@code members.$ref} to a
 *       User (groups hold users only);</li>
 *   <li>Group {@code displayName} is unique ("server"): a unique index enforces it with 409;</li>
 *   <li>{@code password} is writeOnly / returned never, and is not advertised at all, because we accept it
 *       (Okta always sends one) but never store it.</li>
 * </ul>
 */
public final class ScimSchemas {

    public static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** Every schema URN a client may name in a path or a {@code schemas} array. */
    public static final Set<String> KNOWN_URNS = Set.of(USER_URN, GROUP_URN, ENTERPRISE_USER_URN);

    private static final Set<String> NOT_ADVERTISED = Set.of("password");

    public static final SchemaDef USER = convert(Schemas.schemaFor(ScimUser.class), "User Account");
    public static final SchemaDef ENTERPRISE_USER =
            convert(Schemas.schemaForExtension(EnterpriseExtension.class), null);
    public static final SchemaDef GROUP = convert(Schemas.schemaFor(ScimGroup.class), "Group");

    public static final ResourceTypeDef USER_TYPE =
            new ResourceTypeDef("User", "/Users", "User Account", USER, List.of(ENTERPRISE_USER));
    public static final ResourceTypeDef GROUP_TYPE = new ResourceTypeDef("Group", "/Groups", "Group", GROUP, List.of());

    private ScimSchemas() {}

    /** Schemas for {@code /Schemas}: without attributes we accept but never store or return. */
    public static List<SchemaDef> advertised() {
        return List.of(advertised(USER), advertised(ENTERPRISE_USER), advertised(GROUP));
    }

    private static SchemaDef advertised(SchemaDef s) {
        return new SchemaDef(
                s.urn(),
                s.name(),
                s.description(),
                s.attributes().stream()
                        .filter(a -> !NOT_ADVERTISED.contains(a.name()))
                        .toList());
    }

    private static SchemaDef convert(Schema schema, String descriptionOverride) {
        List<AttributeDef> attrs = new ArrayList<>();
        for (Schema.Attribute a : schema.getAttributes()) {
            attrs.add(rfcCorrections(schema.getId()).apply(convert(schema.getId(), a)));
        }
        attrs.sort(Comparator.comparing(AttributeDef::name, String.CASE_INSENSITIVE_ORDER));
        String description = descriptionOverride != null ? descriptionOverride : schema.getDescription();
        return new SchemaDef(schema.getId(), schema.getName(), description, attrs);
    }

    private static AttributeDef convert(String urn, Schema.Attribute a) {
        List<AttributeDef> subs = new ArrayList<>();
        if (a.getSubAttributes() != null) {
            for (Schema.Attribute s : a.getSubAttributes()) {
                subs.add(convert(urn, s));
            }
        }
        subs.sort(Comparator.comparing(AttributeDef::name, String.CASE_INSENSITIVE_ORDER));
        return new AttributeDef(
                a.getName(),
                urn,
                AttributeType.valueOf(a.getType().name()),
                a.isMultiValued(),
                a.isCaseExact(),
                a.isRequired(),
                Mutability.valueOf(a.getMutability().name()),
                Returned.valueOf(a.getReturned().name()),
                a.getUniqueness() == null ? "none" : a.getUniqueness().name().toLowerCase(java.util.Locale.ROOT),
                a.getDescription(),
                subs,
                a.getReferenceTypes() == null ? List.of() : a.getReferenceTypes());
    }

    private static UnaryOperator<AttributeDef> rfcCorrections(String urn) {
        return a -> switch (a.name()) {
            case "id" -> a.withCaseExact(true);
            case "meta" -> a.withMutability(Mutability.READ_ONLY);
            case "groups" ->
                a.withMutability(Mutability.READ_ONLY)
                        .withSubAttributes(referenceTo(stringType(a.subAttributes(), "type"), "Group"));
            case "members" -> a.withSubAttributes(referenceTo(stringType(a.subAttributes(), "type"), "User"));
            // The unique index on display_name_ci enforces it (409 uniqueness); SCIMple declares "none".
            case "displayName" -> urn.equals(GROUP_URN) ? a.withUniqueness("server") : a;
            case "manager" ->
                a.withSubAttributes(a.subAttributes().stream()
                        .map(s -> s.name().equals("$ref")
                                ? s.withType(AttributeType.REFERENCE).withReferenceTypes(List.of("User"))
                                : s)
                        .toList());
            case "password" ->
                new AttributeDef(
                        a.name(),
                        a.schemaUrn(),
                        a.type(),
                        false,
                        a.caseExact(),
                        false,
                        Mutability.WRITE_ONLY,
                        Returned.NEVER,
                        a.uniqueness(),
                        a.description(),
                        List.of(),
                        List.of());
            default -> a;
        };
    }

    /** {@code $ref} of User groups (always a Group) and Group members (always a User: groups hold users only). */
    private static List<AttributeDef> referenceTo(List<AttributeDef> subs, String resourceType) {
        return subs.stream()
                .map(s -> s.name().equals("$ref") ? s.withReferenceTypes(List.of(resourceType)) : s)
                .toList();
    }

    private static List<AttributeDef> stringType(List<AttributeDef> subs, String name) {
        return subs.stream()
                .map(s -> s.name().equals(name) ? s.withType(AttributeType.STRING) : s)
                .toList();
    }
}
