package dev.kiroscim.server.scim.query;

import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.ResourceColumn;
import dev.kiroscim.core.directory.query.ValueKind;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.AttributeType;
import dev.kiroscim.server.scim.schema.ResolvedPath;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Map;
import java.util.Optional;

/**
 * Which storage {@link Field} stands behind each filterable attribute of a resource type. The attributes IdPs
 * filter by have indexed columns ({@code id}, {@code userName}, {@code externalId}, {@code displayName},
 * {@code active}, {@code meta.created}, {@code meta.lastModified}); membership ids are the membership relation, and
 * User {@code groups.display} is the display name of the group on the other side of it;
 * every other User attribute is in the attribute index. Groups have no attribute index: they only have columns
 * and members.
 */
public final class FieldCatalog {

    private static final Map<String, Field> USER_COLUMNS = Map.of(
            "id", new Field.Column(ResourceColumn.ID, ValueKind.STRING, true),
            "username", new Field.Column(ResourceColumn.USER_NAME, ValueKind.STRING, false),
            "externalid", new Field.Column(ResourceColumn.EXTERNAL_ID, ValueKind.STRING, true),
            "displayname", new Field.Column(ResourceColumn.DISPLAY_NAME, ValueKind.STRING, false),
            "active", new Field.Column(ResourceColumn.ACTIVE, ValueKind.BOOLEAN, true),
            "meta.created", new Field.Column(ResourceColumn.CREATED, ValueKind.INSTANT, true),
            "meta.lastmodified", new Field.Column(ResourceColumn.LAST_MODIFIED, ValueKind.INSTANT, true),
            "groups.value", new Field.Membership(),
            "groups", new Field.Membership(),
            "groups.display", new Field.Related(ResourceColumn.DISPLAY_NAME, ValueKind.STRING, false));

    private static final Map<String, Field> GROUP_COLUMNS = Map.of(
            "id", new Field.Column(ResourceColumn.ID, ValueKind.STRING, true),
            "displayname", new Field.Column(ResourceColumn.DISPLAY_NAME, ValueKind.STRING, false),
            "externalid", new Field.Column(ResourceColumn.EXTERNAL_ID, ValueKind.STRING, true),
            "meta.created", new Field.Column(ResourceColumn.CREATED, ValueKind.INSTANT, true),
            "meta.lastmodified", new Field.Column(ResourceColumn.LAST_MODIFIED, ValueKind.INSTANT, true),
            "members.value", new Field.Membership(),
            "members", new Field.Membership());

    private final ResourceTypeDef type;
    private final Map<String, Field> columns;
    private final boolean hasAttributeIndex;

    private FieldCatalog(ResourceTypeDef type, Map<String, Field> columns, boolean hasAttributeIndex) {
        this.type = type;
        this.columns = columns;
        this.hasAttributeIndex = hasAttributeIndex;
    }

    public static final FieldCatalog USERS = new FieldCatalog(ScimSchemas.USER_TYPE, USER_COLUMNS, true);
    public static final FieldCatalog GROUPS = new FieldCatalog(ScimSchemas.GROUP_TYPE, GROUP_COLUMNS, false);

    public ResourceTypeDef type() {
        return type;
    }

    /** The attribute paths that have their own column, in index spelling; they are not in the attribute index. */
    public boolean isColumn(String indexPath) {
        return columns.containsKey(indexPath);
    }

    /** The field for a resolved path, or empty when the attribute cannot be filtered on. */
    public Optional<Field> field(ResolvedPath path) {
        AttributeDef leaf = path.leaf();
        String key = IndexPaths.of(path.attribute(), path.subAttribute());
        Field column = columns.get(key);
        if (column != null) {
            return Optional.of(column);
        }
        if (isRelation(path.attribute())) {
            // groups.type, groups.$ref, members.display…: not stored, so never an attribute-index lookup (which
            // would silently match nothing).
            return Optional.empty();
        }
        if (!hasAttributeIndex
                || leaf.isComplex()
                || path.attribute().name().equals("meta")
                || leaf.returned() == dev.kiroscim.server.scim.schema.Returned.NEVER
                || !isIndexable(leaf)) {
            return Optional.empty();
        }
        return Optional.of(new Field.Indexed(key, kindOf(leaf.type()), leaf.caseExact()));
    }

    /** User {@code groups} and Group {@code members}: the membership relation, not the document. */
    private static boolean isRelation(AttributeDef attribute) {
        return (attribute.name().equals("groups") && attribute.schemaUrn().equals(ScimSchemas.USER_URN))
                || (attribute.name().equals("members") && attribute.schemaUrn().equals(ScimSchemas.GROUP_URN));
    }

    /**
     * Binary values (base64 {@code x509Certificates.value}) are not indexed: comparing certificates by substring
     * means nothing, and a certificate is longer than an index value may be ({@code scim_user_attr.val}).
     */
    static boolean isIndexable(AttributeDef leaf) {
        return leaf.type() != AttributeType.BINARY;
    }

    static ValueKind kindOf(AttributeType type) {
        return switch (type) {
            case BOOLEAN -> ValueKind.BOOLEAN;
            case DATE_TIME -> ValueKind.INSTANT;
            case DECIMAL, INTEGER -> ValueKind.NUMBER;
            default -> ValueKind.STRING;
        };
    }
}
