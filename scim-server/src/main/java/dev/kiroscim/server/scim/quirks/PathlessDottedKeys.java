package dev.kiroscim.server.scim.quirks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a path-less PATCH {@code value} object are read as attribute paths: plain names, dotted sub-paths
 * and fully qualified extension URNs.
 *
 * <p>RFC 7644 §3.5.2.1/§3.5.2.3 expect the value of a path-less operation to be a partial resource with nested
 * objects. Entra with {@code aadOptscim062020} collapses its updates into one path-less replace whose keys are
 * paths:
 * <pre>
 * sent:       {"op":"replace","value":{"displayName":"Bjfe","name.givenName":"Kkom",
 *               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Aklq"}}
 * normalised: {"op":"replace","path":"displayName","value":"Bjfe"},
 *             {"op":"replace","path":"name.givenName","value":"Kkom"},
 *             {"op":"replace","path":"urn:…:enterprise:2.0:User:employeeNumber","value":"Aklq"}
 * </pre>
 * Servers that treat {@code name.givenName} as a top-level name silently ignore it. An extension URN key with an
 * object value ({@code "urn:…:enterprise:2.0:User": {"department":"R&D"}}, the RFC form) is expanded into one
 * entry per sub-key, so both forms end up as the same per-attribute operations, applied in the order sent.
 *
 * <p>Source: docs/idp-quirks.md §I5; https://github.com/Captain-P-Goldfish/scim-for-keycloak/issues/26,
 * https://github.com/Captain-P-Goldfish/SCIM-SDK/issues/193.
 */
public final class PathlessDottedKeys implements IdpQuirk {

    /** One key of a path-less value, as a PATCH path with its value. */
    public record PathAndValue(String path, JsonNode value) {}

    PathlessDottedKeys() {}

    /** Expands the keys of a path-less {@code value} object into per-path entries, in document order. */
    public List<PathAndValue> expand(ResourceTypeDef type, ObjectNode value) {
        List<PathAndValue> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<SchemaDef> extension = type.extension(e.getKey());
            if (extension.isPresent() && e.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> sub = e.getValue().fields(); sub.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = sub.next();
                    entries.add(new PathAndValue(extension.get().urn() + ":" + s.getKey(), s.getValue()));
                }
            } else {
                entries.add(new PathAndValue(e.getKey(), e.getValue()));
            }
        }
        return entries;
    }

    @Override
    public String idp() {
        return "Microsoft Entra ID (aadOptscim062020)";
    }

    @Override
    public String description() {
        return "path-less PATCH value keys may be dotted sub-paths (name.givenName) or extension URN paths";
    }

    @Override
    public String source() {
        return "docs/idp-quirks.md §I5; https://github.com/Captain-P-Goldfish/scim-for-keycloak/issues/26";
    }
}
