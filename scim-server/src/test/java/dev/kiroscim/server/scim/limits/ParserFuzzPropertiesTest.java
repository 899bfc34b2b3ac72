package dev.kiroscim.server.scim.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.testsupport.PropertyCheck;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.filter.Filter;
import dev.kiroscim.server.scim.filter.FilterParseException;
import dev.kiroscim.server.scim.filter.FilterParser;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.query.CriteriaResolver;
import dev.kiroscim.server.scim.query.FieldCatalog;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parser-level fuzzing with the project's {@link PropertyCheck} harness: random token soups and random JSON never
 * make the filter parser, the criteria resolver, the PATCH engine or the document reader fail with anything but a
 * SCIM 400 (or {@link FilterParseException}, which the edge turns into one). Replay with {@code -Dproperty.seed=N}.
 */
class ParserFuzzPropertiesTest {

    private static final List<String> TOKENS = List.of(
            "userName",
            "emails",
            "groups",
            "members",
            "display",
            "value",
            ".",
            "[",
            "]",
            "(",
            ")",
            " ",
            " eq ",
            " co ",
            " pr",
            " and ",
            " or ",
            "not",
            "\"",
            "\"x\"",
            "\\",
            "\\u0000",
            "\\ud800",
            "1e999999999",
            "-0",
            "true",
            "null",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:",
            "manager",
            "$ref",
            "meta.created",
            "\u0000",
            "\u202e",
            "\ud83d\ude00",
            "İ",
            "groups.display",
            "x509Certificates");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final IdpRequestNormalizer NORMALIZER = new IdpRequestNormalizer();

    private final FilterParser parser = new FilterParser(ScimSchemas.KNOWN_URNS);

    @Test
    void filtersParseOrAreRejectedCleanly() {
        PropertyCheck.forAll("filter → Criteria or 400", 3000, ParserFuzzPropertiesTest::tokens, tokens -> {
            String text = String.join("", tokens);
            try {
                Filter filter = parser.parseFilter(text);
                new CriteriaResolver(FieldCatalog.USERS).resolve(filter);
                new CriteriaResolver(FieldCatalog.GROUPS).resolve(filter);
            } catch (FilterParseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (ScimException e) {
                assertThat(e.status()).as(text).isEqualTo(400);
            }
        });
    }

    @Test
    void patchPathsAndValuesApplyOrAreRejectedCleanly() {
        PropertyCheck.forAllCases(
                "PATCH → document or 400",
                3000,
                random -> {
                    ObjectNode op = JSON.objectNode()
                            .put("op", pick(random, List.of("add", "replace", "remove", "Add", "x")))
                            .put("path", String.join("", tokens(random)));
                    if (random.nextInt(4) != 0) {
                        op.set("value", randomJson(random, 3));
                    }
                    ObjectNode body = JSON.objectNode();
                    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
                    body.putArray("Operations").add(op);
                    return body;
                },
                body -> {
                    ObjectNode user = JSON.objectNode().put("userName", "a").put("title", "t");
                    user.putArray("emails").addObject().put("value", "a@x").put("type", "work");
                    try {
                        new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT)
                                .apply(ScimSchemas.USER_TYPE, user, NORMALIZER.patch(ScimSchemas.USER_TYPE, body));
                        new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT)
                                .apply(
                                        ScimSchemas.GROUP_TYPE,
                                        JSON.objectNode().put("displayName", "g"),
                                        NORMALIZER.patch(ScimSchemas.GROUP_TYPE, body));
                    } catch (ScimException e) {
                        assertThat(e.status()).as(body.toString()).isEqualTo(400);
                    }
                });
    }

    @Test
    void documentsAreReadOrRejectedCleanly() {
        PropertyCheck.forAllCases(
                "body → stored form or 400",
                3000,
                random -> {
                    ObjectNode body = JSON.objectNode().put("userName", "u" + random.nextInt(100));
                    for (int i = random.nextInt(5); i >= 0; i--) {
                        body.set(
                                pick(
                                        random,
                                        List.of(
                                                "name",
                                                "emails",
                                                "active",
                                                "title",
                                                "addresses",
                                                "groups",
                                                "members",
                                                "displayName",
                                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                                                "meta",
                                                "id")),
                                randomJson(random, 3));
                    }
                    return body;
                },
                body -> {
                    try {
                        JsonNode stored = new ResourceDocumentReader()
                                .read(ScimSchemas.USER_TYPE, NORMALIZER.resource(ScimSchemas.USER_TYPE, body))
                                .document();
                        assertThat(stored.path("userName").asText()).isNotEmpty();
                        new ResourceDocumentReader()
                                .read(
                                        ScimSchemas.GROUP_TYPE,
                                        NORMALIZER.resource(
                                                ScimSchemas.GROUP_TYPE,
                                                body.deepCopy().put("displayName", "g")));
                    } catch (ScimException e) {
                        assertThat(e.status()).as(body.toString()).isEqualTo(400);
                    }
                });
    }

    private static List<String> tokens(Random random) {
        int n = 1 + random.nextInt(12);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = pick(random, TOKENS);
        }
        return List.of(out);
    }

    private static JsonNode randomJson(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2 -> JSON.numberNode(pick(random, List.of(0L, -1L, Long.MAX_VALUE, (long) Integer.MIN_VALUE)));
            case 3 ->
                JSON.textNode(pick(
                        random,
                        List.of("", "x", "True", "a\u0000b", "\ud800", "2026-01-01T00:00:00Z", "İ".repeat(600))));
            case 4 -> JSON.textNode(String.join("", tokens(random)));
            case 5 -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(
                            pick(
                                    random,
                                    List.of(
                                            "value",
                                            "type",
                                            "primary",
                                            "givenName",
                                            "display",
                                            "$ref",
                                            "manager",
                                            "x")),
                            randomJson(random, depth - 1));
                }
                yield object;
            }
        };
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
