package dev.kiroscim.server.scim.patch;

import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.filter.AttributePath;
import dev.kiroscim.server.scim.filter.FilterParseException;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.filter.PatchPath;
import dev.kiroscim.server.scim.schema.ResolvedPath;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.SchemaDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.Optional;

/**
 * Resolves a PATCH {@code path} against a resource type (RFC 7644 §3.5.2 {@code PATH = attrPath / valuePath [subAttr]}).
 * <pre>
 * emails[type eq "work"].value                                   → (core, emails, value, type eq "work")
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager → (enterprise, manager)
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User     → whole extension
 * </pre>
 * Unparseable paths and unknown attributes are 400 invalidPath. A value filter is only allowed on multi-valued
 * attributes, and on a single-valued reference such as the Enterprise {@code manager}
 * ({@code remove manager[value eq "id"]}, see {@link PatchTarget#isSingleReference}).
 *
 * <p>Public because the quirks normaliser resolves paths the same way before it rewrites a value.
 */
public final class PatchPathResolver {

    private final FilterParser parser = new FilterParser(ScimSchemas.KNOWN_URNS);

    /** Resolves a path; 400 invalidPath when it doesn't parse or names an unknown attribute. */
    public PatchTarget resolve(ResourceTypeDef type, String text) {
        return tryResolve(type, text).orElseThrow(() -> invalidPath("unknown attribute in path \"" + text + "\""));
    }

    /** Resolves a path; empty when it names an unknown attribute (path-less value keys are dropped like POST input). */
    public Optional<PatchTarget> tryResolve(ResourceTypeDef type, String text) {
        PatchPath path;
        try {
            path = parser.parsePatchPath(text);
        } catch (FilterParseException e) {
            throw invalidPath("invalid path \"" + text + "\": " + e.getMessage());
        }
        AttributePath attribute = path.attribute();
        if (attribute.attribute() == null) {
            Optional<SchemaDef> extension = type.extension(attribute.schemaUrn());
            return extension.map(ext -> new PatchTarget(ext, null, null, null, text));
        }
        String sub = attribute.subAttribute() != null ? attribute.subAttribute() : path.subAttribute();
        Optional<ResolvedPath> resolved = type.resolve(attribute.schemaUrn(), attribute.attribute(), sub);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        ResolvedPath r = resolved.get();
        if (path.valueFilter() != null
                && !r.attribute().multiValued()
                && !PatchTarget.isSingleReference(r.attribute())) {
            throw invalidPath("a value filter [...] needs a multi-valued attribute; "
                    + r.attribute().name() + " is single-valued");
        }
        return Optional.of(new PatchTarget(r.schema(), r.attribute(), r.subAttribute(), path.valueFilter(), text));
    }

    private static ScimException invalidPath(String detail) {
        return new ScimException(400, ScimType.INVALID_PATH, detail);
    }
}
