package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a PatchOp message (RFC 7644 §3.5.2) into operations:
 * <pre>{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}</pre>
 *
 * <p>{@code schemas} must contain the PatchOp URN and {@code Operations} must be a non-empty array, else 400
 * invalidSyntax. We are strict about {@code schemas} on purpose: Okta and Entra always send it (docs/idp-quirks.md
 * §Okta and §Entra), and a body without it is more likely a misdirected resource body (a PUT sent as PATCH) than a
 * PATCH. Member names ({@code Operations}, {@code op}, {@code path}, {@code value}) match case-insensitively, as
 * RFC 7643 §2.1 says of attribute names; {@code op} itself is {@code add}, {@code replace} or {@code remove}
 * exactly as RFC 7644 §3.5.2 spells it (Entra's {@code "Replace"} is rewritten before, by the quirks normaliser).
 *
 * <p>The limit on the number of operations applies to the request as the client sent it, so it is checked by the
 * normaliser ({@code scim.quirks.IdpRequestNormalizer}), before it splits path-less and value-list operations.
 */
final class PatchRequestReader {

    static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    List<PatchOperation> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw syntax("the PATCH body must be a JSON object");
        }
        JsonNode schemas = field(body, "schemas");
        if (schemas == null || !schemas.isArray() || !containsPatchOpUrn(schemas)) {
            throw syntax("the PATCH body must have \"schemas\": [\"" + PATCH_OP_URN + "\"]");
        }
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw syntax("the PATCH body must have a non-empty \"Operations\" array");
        }
        List<PatchOperation> result = new ArrayList<>();
        for (JsonNode operation : operations) {
            result.add(readOperation(operation, result.size()));
        }
        return result;
    }

    private static PatchOperation readOperation(JsonNode operation, int index) {
        if (!operation.isObject()) {
            throw syntax("Operations[" + index + "] must be an object");
        }
        JsonNode op = field(operation, "op");
        PatchOpType type = PatchOpType.fromRfcName(op != null && op.isTextual() ? op.textValue() : null)
                .orElseThrow(() -> syntax("Operations[" + index + "].op must be add, replace or remove; got " + op));
        JsonNode path = field(operation, "path");
        String pathText = null;
        if (path != null && !path.isNull()) {
            if (!path.isTextual() || path.textValue().isBlank()) {
                throw new ScimException(
                        400, ScimType.INVALID_PATH, "Operations[" + index + "].path must be a non-empty string");
            }
            pathText = path.textValue().trim();
        }
        JsonNode value = field(operation, "value");
        if (value == null && pathText != null && type != PatchOpType.REMOVE) {
            // RFC 7644 §3.5.2.1/§3.5.2.3: add and replace "MUST" carry a value. Without one, clearing the attribute
            // (what an absent value would otherwise mean) is a guess; an explicit "value": null still clears.
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    "Operations[" + index + "]: " + type.name().toLowerCase() + " " + pathText
                            + " needs a \"value\" (use remove to clear an attribute)");
        }
        return new PatchOperation(type, pathText, value == null || value.isMissingNode() ? null : value);
    }

    private static boolean containsPatchOpUrn(JsonNode schemas) {
        for (JsonNode s : schemas) {
            if (s.isTextual() && s.textValue().equalsIgnoreCase(PATCH_OP_URN)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode field(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static ScimException syntax(String detail) {
        return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
    }
}
