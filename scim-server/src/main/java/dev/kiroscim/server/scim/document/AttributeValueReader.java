package dev.kiroscim.server.scim.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.InputLimits;
import dev.kiroscim.server.scim.limits.TextRules;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.Mutability;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one attribute value as a client sent it into its stored form, or rejects it.
 *
 * <p>Stored form (RFC 7643 §2): canonical sub-attribute names ({@code givenName}, not {@code GIVENNAME}), JSON
 * booleans, ISO-8601 instants for dateTime, arrays for multi-valued attributes, no nulls (§2.5: null is
 * unassigned), no empty objects or arrays, no read-only sub-attributes (ignored, RFC 7644 §3.5.1). "Absent" is
 * returned as {@link Optional#empty()}.
 *
 * <p>Examples for {@code emails}: {@code [{"VALUE":"a@b.c","primary":true}]} → {@code [{"value":"a@b.c","primary":true}]};
 * {@code "a@b.c"} → 400 invalidValue; {@code null} → absent; an unknown sub-attribute → 400 invalidValue.
 *
 * <p>This class applies RFC 7643 and the schema only. Client leniency ({@code "True"}, {@code ""}, a bare manager
 * id, a single object for a list, unknown keys) is rewritten before, by {@code scim.quirks.IdpRequestNormalizer}.
 */
public final class AttributeValueReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * Reads a whole attribute value (an array for a multi-valued attribute).
     *
     * @param where the attribute's path for error messages, e.g. {@code emails}
     */
    public Optional<JsonNode> read(AttributeDef attribute, JsonNode raw, String where) {
        if (isAbsent(raw)) {
            return Optional.empty();
        }
        if (!attribute.multiValued()) {
            return readSingle(attribute, raw, where);
        }
        if (!raw.isArray()) {
            throw invalid(where + " is multi-valued and must be an array");
        }
        JsonNode list = raw;
        InputLimits.requireValueCount(list.size(), where);
        ArrayNode out = JSON.arrayNode();
        for (JsonNode element : list) {
            readSingle(attribute, element, where).ifPresent(out::add);
        }
        keepLastPrimaryOnly(out);
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /**
     * Reads one value of the attribute's type: for a multi-valued attribute, one element; otherwise the value.
     */
    public Optional<JsonNode> readSingle(AttributeDef attribute, JsonNode raw, String where) {
        if (isAbsent(raw)) {
            return Optional.empty();
        }
        return switch (attribute.type()) {
            case COMPLEX -> readComplex(attribute, raw, where);
            case BOOLEAN -> {
                if (!raw.isBoolean()) {
                    throw invalid(where + " must be a boolean (true/false)");
                }
                yield Optional.of(raw);
            }
            case STRING, REFERENCE, BINARY -> {
                if (!raw.isTextual()) {
                    throw invalid(where + " must be a string");
                }
                requireStorableText(attribute, raw.textValue(), where);
                yield Optional.of(raw);
            }
            case INTEGER -> {
                if (!raw.isIntegralNumber()) {
                    throw invalid(where + " must be an integer");
                }
                yield Optional.of(raw);
            }
            case DECIMAL -> {
                if (!raw.isNumber()) {
                    throw invalid(where + " must be a number");
                }
                yield Optional.of(raw);
            }
            case DATE_TIME -> Optional.of(JSON.textNode(instant(raw, where).toString()));
        };
    }

    private Optional<JsonNode> readComplex(AttributeDef attribute, JsonNode raw, String where) {
        if (!raw.isObject()) {
            throw invalid(where + " must be an object");
        }
        ObjectNode out = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            AttributeDef sub = attribute
                    .sub(field.getKey())
                    .orElseThrow(() -> invalid(where + " has no sub-attribute '" + field.getKey() + "'"));
            if (sub.mutability() == Mutability.READ_ONLY) {
                continue;
            }
            readSingle(sub, field.getValue(), where + "." + sub.name()).ifPresent(v -> out.set(sub.name(), v));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once"; the last one sent wins. */
    private static void keepLastPrimaryOnly(ArrayNode elements) {
        boolean seen = false;
        for (int i = elements.size() - 1; i >= 0; i--) {
            JsonNode primary = elements.get(i).get("primary");
            if (primary != null && primary.booleanValue()) {
                if (seen) {
                    ((ObjectNode) elements.get(i)).put("primary", false);
                }
                seen = true;
            }
        }
    }

    /** Length from the column that stores it, and no control characters or broken surrogates ({@link TextRules}). */
    private static void requireStorableText(AttributeDef attribute, String text, String where) {
        InputLimits.requireLength(attribute, text, where);
        TextRules.problem(text).ifPresent(problem -> {
            throw invalid(where + " contains a " + problem + "; control characters other than tab and line breaks,"
                    + " and unpaired surrogates, are not accepted");
        });
    }

    private static Instant instant(JsonNode raw, String where) {
        if (raw.isTextual()) {
            try {
                return OffsetDateTime.parse(raw.textValue()).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return Instant.parse(raw.textValue());
                } catch (DateTimeParseException e) {
                    // falls through to the error below
                }
            }
        }
        throw invalid(where + " must be an ISO-8601 date-time such as 2026-01-01T00:00:00Z");
    }

    /** RFC 7643 §2.5: "Unassigned attributes, the null value, or empty array … SHALL be considered to be equivalent". */
    static boolean isAbsent(JsonNode raw) {
        return raw == null || raw.isNull() || raw.isMissingNode();
    }

    static ScimException invalid(String detail) {
        return new ScimException(400, ScimType.INVALID_VALUE, detail);
    }
}
