package dev.kiroscim.server.scim.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.render.ScimJson;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a POST/PUT body into the stored document form (see {@link NormalizedResource}).
 *
 * <p>Attribute names match case-insensitively (RFC 7643 §2.1) and are stored canonically; extension attributes
 * live under their URN key (accepted in any case, stored canonically). Read-only input is ignored (RFC 7644 §3.5.1),
 * write-only input ({@code password}) is accepted and not stored (RFC 7643 §7), unknown attributes and wrong types
 * are 400 invalidValue naming the attribute.
 * <pre>
 * {"id":"x","USERNAME":"Alice","active":true,"groups":[],"password":"p",
 *  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user":{"manager":{"value":"42"}}}
 * →
 * {"userName":"Alice","active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"42"}}}
 * </pre>
 * What IdPs send beyond this ({@code "active":"True"}, {@code "manager":"42"}, {@code schemas}, unknown mapped
 * attributes) is rewritten before, by {@code scim.quirks.IdpRequestNormalizer}.
 * The PATCH engine runs its result through {@link #read} too, so a patched document obeys the same rules.
 */
public final class ResourceDocumentReader {

    private final AttributeValueReader values = new AttributeValueReader();

    public NormalizedResource read(ResourceTypeDef type, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ScimException(400, ScimType.INVALID_SYNTAX, "the request body must be a JSON object");
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        Optional<List<String>> memberIds = Optional.empty();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<SchemaDef> extension = type.extension(field.getKey());
            if (extension.isPresent()) {
                readExtension(extension.get(), field.getValue())
                        .ifPresent(ext -> document.set(extension.get().urn(), ext));
                continue;
            }
            AttributeDef attribute = known(type.core().attribute(field.getKey()), field.getKey());
            if (isGroupMembers(attribute)) {
                if (!AttributeValueReader.isAbsent(field.getValue())) {
                    memberIds = Optional.of(MemberIds.parse(field.getValue()));
                }
                continue;
            }
            if (notStored(attribute)) {
                continue;
            }
            values.read(attribute, field.getValue(), attribute.name())
                    .ifPresent(v -> document.set(attribute.name(), v));
        }
        requireRequiredAttributes(type, document);
        InputLimits.requireDocumentLength(ScimJson.write(document).length());
        return new NormalizedResource(document, memberIds);
    }

    /** True for the Group {@code members} attribute, which is stored as a relation, never in the document. */
    public static boolean isGroupMembers(AttributeDef attribute) {
        return attribute.name().equals("members") && attribute.schemaUrn().equals(ScimSchemas.GROUP_URN);
    }

    private Optional<ObjectNode> readExtension(SchemaDef extension, JsonNode raw) {
        if (AttributeValueReader.isAbsent(raw)) {
            return Optional.empty();
        }
        if (!raw.isObject()) {
            throw AttributeValueReader.invalid(extension.urn() + " must be an object of extension attributes");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDef attribute = known(extension.attribute(field.getKey()), extension.urn() + ":" + field.getKey());
            if (notStored(attribute)) {
                continue;
            }
            values.read(attribute, field.getValue(), extension.urn() + ":" + attribute.name())
                    .ifPresent(v -> out.set(attribute.name(), v));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static AttributeDef known(Optional<AttributeDef> attribute, String name) {
        return attribute.orElseThrow(() -> AttributeValueReader.invalid("unknown attribute '" + name + "'"));
    }

    /** Read-only input is ignored (RFC 7644 §3.5.1); write-only input is accepted and not stored (RFC 7643 §7). */
    private static boolean notStored(AttributeDef attribute) {
        return attribute.mutability() == Mutability.READ_ONLY || attribute.mutability() == Mutability.WRITE_ONLY;
    }

    /** RFC 7643 §2.2 "required": User {@code userName}, Group {@code displayName}. (An IdP's {@code ""} arrives as null, so it counts as missing.) */
    private static void requireRequiredAttributes(ResourceTypeDef type, ObjectNode document) {
        for (SchemaDef schema : type.allSchemas()) {
            JsonNode container = schema == type.core() ? document : document.get(schema.urn());
            for (AttributeDef attribute : schema.attributes()) {
                if (attribute.required()
                        && attribute.mutability() != Mutability.READ_ONLY
                        && (schema == type.core() || container != null)
                        && (container == null || !container.has(attribute.name()))) {
                    throw new ScimException(
                            400, ScimType.INVALID_VALUE, attribute.name() + " is required and must not be empty");
                }
            }
        }
    }
}
