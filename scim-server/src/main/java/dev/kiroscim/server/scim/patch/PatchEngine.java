package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a stored resource document.
 *
 * <p>Example:
 * <pre>
 * {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
 *   {"op":"replace","path":"emails[type eq \"work\"].value","value":"pvlo@contoso.com"},
 *   {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"1234"},
 *   {"op":"add","path":"nickName","value":"Babs"}]}
 * </pre>
 * The engine implements RFC 7644 only. What identity providers send instead (Entra's {@code "Replace"}, dotted keys
 * in a path-less value, {@code "True"} strings, member lists on remove…) is rewritten into this form first by
 * {@code scim.quirks.IdpRequestNormalizer}; the one leniency that needs the document as it is during the PATCH
 * comes in through {@link UnmatchedValueFilter}.
 * Operations run in order on a copy of the document; the result is checked like a PUT body
 * ({@link ResourceDocumentReader}). A PATCH is atomic: if any operation or the final check fails, a
 * {@link ScimException} is thrown and nothing is returned; the input document is never modified.
 *
 * <p>Paths naming a read-only attribute ({@code id}, {@code meta}, {@code groups}, {@code members.display}) are
 * 400 mutability. WriteOnly attributes ({@code password}) are accepted and not stored (RFC 7643 §7 lets the service
 * provider choose not to store a password). Group {@code members} never enter the document: operations on them
 * become {@link MemberChange}s, adjacent removals merged into one so that a long removal list is one storage call.
 */
public final class PatchEngine {

    private final PatchRequestReader requests = new PatchRequestReader();
    private final PatchPathResolver paths = new PatchPathResolver();
    private final AttributePatcher attributes;
    private final MemberPatch members = new MemberPatch();
    private final ResourceDocumentReader documents = new ResourceDocumentReader();

    /** An engine that answers 400 noTarget when a value filter of add/replace matches nothing (RFC 7644 §3.5.2.3). */
    public PatchEngine() {
        this(UnmatchedValueFilter.RFC);
    }

    public PatchEngine(UnmatchedValueFilter unmatched) {
        this.attributes = new AttributePatcher(unmatched);
    }

    public PatchOutcome apply(ResourceTypeDef type, ObjectNode current, JsonNode patchRequestBody) {
        List<PatchOperation> operations = requests.read(patchRequestBody);
        ObjectNode document = current.deepCopy();
        List<MemberChange> memberChanges = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                applyPathless(type, document, operation, memberChanges);
            } else {
                applyTo(
                        type,
                        document,
                        operation.op(),
                        paths.resolve(type, operation.path()),
                        operation.value(),
                        memberChanges);
            }
        }
        memberChanges = mergeAdjacentRemovals(memberChanges);
        InputLimits.requireMemberCount(
                memberChanges.stream().mapToInt(PatchEngine::memberIdCount).sum());
        return new PatchOutcome(documents.read(type, document).document(), memberChanges);
    }

    /** {@code Remove[a], Remove[b]} → {@code Remove[a, b]}: the same membership, one storage call. */
    private static List<MemberChange> mergeAdjacentRemovals(List<MemberChange> changes) {
        List<MemberChange> merged = new ArrayList<>();
        Set<String> removals = new LinkedHashSet<>();
        for (MemberChange change : changes) {
            if (change instanceof MemberChange.Remove remove) {
                removals.addAll(remove.ids());
                continue;
            }
            if (!removals.isEmpty()) {
                merged.add(new MemberChange.Remove(List.copyOf(removals)));
                removals.clear();
            }
            merged.add(change);
        }
        if (!removals.isEmpty()) {
            merged.add(new MemberChange.Remove(List.copyOf(removals)));
        }
        return merged;
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

    private void applyPathless(
            ResourceTypeDef type, ObjectNode document, PatchOperation operation, List<MemberChange> memberChanges) {
        if (operation.op() == PatchOpType.REMOVE) {
            throw new ScimException(400, ScimType.NO_TARGET, "remove needs a path (RFC 7644 §3.5.2.2)");
        }
        if (operation.value() == null || !operation.value().isObject()) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    operation.op().name().toLowerCase()
                            + " without a path needs an object value, e.g. {\"active\": false}");
        }
        // RFC 7644 §3.5.2.1/§3.5.2.3: the value is a partial resource; its keys are attribute names, and an extension's
        // attributes sit under its URN key.
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.value().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            applyTo(
                    type,
                    document,
                    operation.op(),
                    paths.resolve(type, entry.getKey()),
                    entry.getValue(),
                    memberChanges);
        }
    }

    private void applyTo(
            ResourceTypeDef type,
            ObjectNode document,
            PatchOpType op,
            PatchTarget target,
            JsonNode value,
            List<MemberChange> memberChanges) {
        if (target.isWholeExtension()) {
            applyToWholeExtension(type, document, op, target, value, memberChanges);
            return;
        }
        AttributeDef attribute = target.attribute();
        if (attribute.mutability() == Mutability.WRITE_ONLY) {
            return; // accepted, never stored
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
        ObjectNode container =
                extension ? extensionObject(document, target.schema().urn()) : document;
        attributes.apply(op, container, target, value);
    }

    /**
     * {@code path: "urn:…:enterprise:2.0:User"}: remove drops the extension; add/replace merge each key of the
     * object value into it (RFC 7644 §3.5.2.3 for complex targets). SCIMple M1 threw a NullPointerException here.
     */
    private void applyToWholeExtension(
            ResourceTypeDef type,
            ObjectNode document,
            PatchOpType op,
            PatchTarget target,
            JsonNode value,
            List<MemberChange> memberChanges) {
        String urn = target.schema().urn();
        if (op == PatchOpType.REMOVE || value == null || value.isNull()) {
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
            PatchTarget sub = new PatchTarget(
                    target.schema(),
                    attribute.get(),
                    null,
                    null,
                    urn + ":" + attribute.get().name());
            applyTo(type, document, op, sub, field.getValue(), memberChanges);
        }
    }

    private static ObjectNode extensionObject(ObjectNode document, String urn) {
        JsonNode existing = document.get(urn);
        return existing instanceof ObjectNode o ? o : document.putObject(urn);
    }
}
