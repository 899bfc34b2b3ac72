package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.quirks.PathlessDottedKeys.PathAndValue;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a stored resource document.
 *
 * <p>Example (Entra default mode, idp-compat §2.5):
 * <pre>
 * {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
 *   {"op":"Replace","path":"emails[type eq \"work\"].value","value":"pvlo@contoso.com"},
 *   {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"1234"},
 *   {"op":"Add","path":"nickName","value":"Babs"}]}
 * </pre>
 * Operations run in order on a copy of the document; the result is checked like a PUT body
 * ({@link ResourceDocumentReader}). A PATCH is atomic: if any operation or the final check fails, a
 * {@link ScimException} is thrown and nothing is returned; the input document is never modified.
 *
 * <p>Paths naming a read-only attribute ({@code id}, {@code meta}, {@code groups}, {@code members.display}) are
 * 400 mutability; path-less values skip read-only keys instead (Okta sends {@code id}). Group {@code members}
 * never enter the document: operations on them become {@link MemberChange}s. Client leniencies are the ones
 * listed in {@link IdpQuirks}.
 */
public final class PatchEngine {

    private final PatchRequestReader requests = new PatchRequestReader();
    private final PatchPathResolver paths = new PatchPathResolver();
    private final AttributePatcher attributes = new AttributePatcher();
    private final MemberPatch members = new MemberPatch();
    private final ResourceDocumentReader documents = new ResourceDocumentReader();

    public PatchOutcome apply(ResourceTypeDef type, ObjectNode current, JsonNode patchRequestBody) {
        List<PatchOperation> operations = requests.read(patchRequestBody);
        ObjectNode document = current.deepCopy();
        List<MemberChange> memberChanges = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                applyPathless(type, document, operation, memberChanges);
            } else {
                applyTo(type, document, operation.op(), paths.resolve(type, operation.path()), operation.value(), memberChanges);
            }
        }
        InputLimits.requireMemberCount(memberChanges.stream().mapToInt(PatchEngine::memberIdCount).sum());
        return new PatchOutcome(documents.read(type, document).document(), memberChanges);
    }

    private static int memberIdCount(MemberChange change) {
        if (change instanceof MemberChange.Add add) {
            return add.ids().size();
        } else if (change instanceof MemberChange.Remove remove) {
            return remove.ids().size();
        } else if (change instanceof MemberChange.ReplaceAll all) {
            return all.ids().size();
        }
        return 0;
    }

    private void applyPathless(ResourceTypeDef type, ObjectNode document, PatchOperation operation, List<MemberChange> memberChanges) {
        if (operation.op() == PatchOpType.REMOVE) {
            throw new ScimException(400, ScimType.NO_TARGET, "remove needs a path (RFC 7644 §3.5.2.2)");
        }
        if (operation.value() == null || !operation.value().isObject()) {
            throw new ScimException(400, ScimType.INVALID_VALUE, operation.op().name().toLowerCase()
                    + " without a path needs an object value, e.g. {\"active\": false}");
        }
        for (PathAndValue entry : IdpQuirks.PATHLESS_DOTTED_KEYS.expand(type, (ObjectNode) operation.value())) {
            if (IdpQuirks.READ_ONLY_KEYS_IN_PATHLESS_VALUE.ignore(entry.path())) {
                continue;
            }
            // Unknown keys are dropped, as in a POST/PUT body (idp-compat I10).
            Optional<PatchTarget> target = paths.tryResolve(type, entry.path());
            if (target.isPresent()) {
                applyTo(type, document, operation.op(), target.get(), entry.value(), memberChanges);
            }
        }
    }

    private void applyTo(ResourceTypeDef type, ObjectNode document, PatchOpType op, PatchTarget target, JsonNode value,
                         List<MemberChange> memberChanges) {
        if (target.isWholeExtension()) {
            applyToWholeExtension(type, document, op, target, value, memberChanges);
            return;
        }
        AttributeDef attribute = target.attribute();
        if (IdpQuirks.PASSWORD_ACCEPTED_NOT_STORED.isPassword(attribute)) {
            return;
        }
        if (attribute.mutability() == Mutability.READ_ONLY) {
            throw new ScimException(400, ScimType.MUTABILITY, target.text() + " is read-only");
        }
        if (ResourceDocumentReader.isGroupMembers(attribute)) {
            members.apply(op, target, value).ifPresent(memberChanges::add);
            return;
        }
        if (target.subAttribute() != null && target.subAttribute().mutability() == Mutability.READ_ONLY) {
            throw new ScimException(400, ScimType.MUTABILITY, target.text() + " is read-only");
        }
        boolean extension = !target.schema().urn().equals(type.core().urn());
        ObjectNode container = extension ? extensionObject(document, target.schema().urn()) : document;
        attributes.apply(op, container, target, value);
    }

    /**
     * {@code path: "urn:…:enterprise:2.0:User"}: remove drops the extension; add/replace merge each key of the
     * object value into it (RFC 7644 §3.5.2.3 for complex targets). SCIMple M1 threw a NullPointerException here.
     */
    private void applyToWholeExtension(ResourceTypeDef type, ObjectNode document, PatchOpType op, PatchTarget target,
                                       JsonNode value, List<MemberChange> memberChanges) {
        String urn = target.schema().urn();
        if (op == PatchOpType.REMOVE || IdpQuirks.NULL_MEANS_ABSENT.isAbsent(value)) {
            document.remove(urn);
            return;
        }
        if (!value.isObject()) {
            throw new ScimException(400, ScimType.INVALID_VALUE, urn + " needs an object of extension attributes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<AttributeDef> attribute = target.schema().attribute(field.getKey());
            if (attribute.isEmpty() || attribute.get().mutability() == Mutability.READ_ONLY) {
                continue; // unknown or read-only keys inside an object value are ignored, as in a PUT body
            }
            PatchTarget sub = new PatchTarget(target.schema(), attribute.get(), null, null, urn + ":" + attribute.get().name());
            applyTo(type, document, op, sub, field.getValue(), memberChanges);
        }
    }

    private static ObjectNode extensionObject(ObjectNode document, String urn) {
        JsonNode existing = document.get(urn);
        return existing instanceof ObjectNode o ? o : document.putObject(urn);
    }
}
