package dev.kiroscim.server.scim.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import java.io.IOException;

/** The one JSON mapper of the SCIM edge, and helpers to parse request bodies and stored documents. */
public final class ScimJson {

    public static final String MEDIA_TYPE = "application/scim+json";
    public static final String CONTENT_TYPE = "application/scim+json; charset=utf-8";

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    static {
        // Bounded nesting: a request body cannot make the parser recurse without limit.
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private ScimJson() {}

    /** Parses a request body; malformed JSON is a 400 {@code invalidSyntax}. */
    public static JsonNode parseBody(byte[] body) {
        if (body == null || body.length == 0) {
            throw ScimException.badRequest(
                    ScimType.INVALID_SYNTAX, "the request has no body; a JSON object was expected");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw ScimException.badRequest(ScimType.INVALID_SYNTAX, "the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ScimException.badRequest(
                    ScimType.INVALID_SYNTAX,
                    "the request body is not valid JSON: "
                            + originalMessage(e).lines().findFirst().orElse("parse error"));
        }
    }

    /** Parses a document the server stored itself. */
    public static ObjectNode parseStored(String document) {
        try {
            return (ObjectNode) MAPPER.readTree(document);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored document is not a JSON object", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                ? jpe.getOriginalMessage()
                : String.valueOf(e.getMessage());
    }
}
