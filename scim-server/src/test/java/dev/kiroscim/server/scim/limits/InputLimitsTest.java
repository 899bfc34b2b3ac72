package dev.kiroscim.server.scim.limits;

import static dev.kiroscim.server.scim.document.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.server.scim.document.ResourceDocumentReader;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.patch.PatchEngine;
import dev.kiroscim.server.scim.quirks.IdpQuirks;
import dev.kiroscim.server.scim.quirks.IdpRequestNormalizer;
import dev.kiroscim.server.scim.schema.ResourceTypeDef;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bound is a 400 naming the attribute and the limit; the value just under it is accepted. */
class InputLimitsTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ENT = ScimSchemas.ENTERPRISE_USER_URN;
    private final ResourceDocumentReader reader = new ResourceDocumentReader();
    private final IdpRequestNormalizer normalizer = new IdpRequestNormalizer();

    static Stream<Arguments> lengths() {
        return Stream.of(
                Arguments.of("userName", ScimSchemas.USER_TYPE, "userName", 512),
                Arguments.of("User externalId", ScimSchemas.USER_TYPE, "externalId", 512),
                Arguments.of("User displayName", ScimSchemas.USER_TYPE, "displayName", 1024),
                Arguments.of("Group displayName", ScimSchemas.GROUP_TYPE, "displayName", 1024),
                Arguments.of("Group externalId", ScimSchemas.GROUP_TYPE, "externalId", 512),
                Arguments.of("title (indexed)", ScimSchemas.USER_TYPE, "title", 1024));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lengths")
    void stringAttributeAtAndOverItsLimit(String label, ResourceTypeDef type, String attribute, int limit) {
        ObjectNode atLimit = minimal(type).put(attribute, "x".repeat(limit));
        assertThat(reader.read(type, atLimit).document().get(attribute).textValue())
                .hasSize(limit);
        ObjectNode over = minimal(type).put(attribute, "x".repeat(limit + 1));
        assertInvalidValue(
                () -> reader.read(type, over), attribute + " is " + (limit + 1) + " characters long; at most " + limit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedBodies")
    void rejectedBody(String label, ResourceTypeDef type, ObjectNode body, String detail) {
        assertInvalidValue(() -> reader.read(type, normalizer.resource(type, body)), detail);
    }

    static Stream<Arguments> rejectedBodies() {
        ArrayNode emails = JSON.arrayNode();
        for (int i = 0; i <= InputLimits.MAX_VALUES_PER_ATTRIBUTE; i++) {
            emails.addObject().put("value", "u" + i + "@example.com");
        }
        ArrayNode members = JSON.arrayNode();
        for (int i = 0; i <= InputLimits.MAX_MEMBERS_PER_REQUEST; i++) {
            members.addObject().put("value", "m" + i);
        }
        ObjectNode manyEmails = object("{'userName':'a'}");
        manyEmails.set("emails", emails);
        ObjectNode manyMembers = object("{'displayName':'g'}");
        manyMembers.set("members", members);
        ObjectNode huge = object("{'userName':'a'}");
        ArrayNode addresses = huge.putArray("addresses");
        for (int i = 0; i < InputLimits.MAX_VALUES_PER_ATTRIBUTE; i++) {
            ObjectNode a = addresses.addObject();
            for (String sub : new String[] {"formatted", "streetAddress", "locality"}) {
                a.put(sub, "y".repeat(1000));
            }
        }
        return Stream.of(
                Arguments.of(
                        "İ lower-cases to two UTF-16 units: the _ci column overflows",
                        ScimSchemas.USER_TYPE,
                        object("{'userName':'" + "\u0130".repeat(300) + "'}"),
                        "userName is 300 characters long; at most 512"),
                Arguments.of(
                        "NUL in userName",
                        ScimSchemas.USER_TYPE,
                        object("{'userName':'a\\u0000b'}"),
                        "userName contains a control character U+0000 at position 1"),
                Arguments.of(
                        "lone surrogate in a sub-attribute",
                        ScimSchemas.USER_TYPE,
                        object("{'userName':'a','name':{'givenName':'\\ud800'}}"),
                        "name.givenName contains a unpaired surrogate U+D800"),
                Arguments.of(
                        "control character in an extension attribute",
                        ScimSchemas.USER_TYPE,
                        object("{'userName':'a','" + ENT + "':{'department':'\\u0007'}}"),
                        ENT + ":department contains a control character U+0007"),
                Arguments.of(
                        "NUL in a Group displayName",
                        ScimSchemas.GROUP_TYPE,
                        object("{'displayName':'\\u0000'}"),
                        "displayName contains a control character U+0000"),
                Arguments.of(
                        "NUL in a member id",
                        ScimSchemas.GROUP_TYPE,
                        object("{'displayName':'g','members':[{'value':'\\u0000'}]}"),
                        "members.value contains a control character U+0000"),
                Arguments.of("101 emails", ScimSchemas.USER_TYPE, manyEmails, "emails has 101 values; at most 100"),
                Arguments.of(
                        "10,001 members",
                        ScimSchemas.GROUP_TYPE,
                        manyMembers,
                        "members: 10001 member ids in one request; at most 10000"),
                Arguments.of(
                        "document over 200,000 characters",
                        ScimSchemas.USER_TYPE,
                        huge,
                        "at most 200000 are accepted"));
    }

    static Stream<Arguments> rejectedPatches() {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i <= InputLimits.MAX_PATCH_OPERATIONS; i++) {
            ops.append(i == 0 ? "" : ",")
                    .append("{'op':'replace','path':'title','value':'t")
                    .append(i)
                    .append("'}");
        }
        StringBuilder memberOps = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            StringBuilder ids = new StringBuilder();
            for (int j = 0; j < 4000; j++) {
                ids.append(j == 0 ? "" : ",")
                        .append("{'value':'u")
                        .append(i)
                        .append('-')
                        .append(j)
                        .append("'}");
            }
            memberOps
                    .append(i == 0 ? "" : ",")
                    .append("{'op':'add','path':'members','value':[")
                    .append(ids)
                    .append("]}");
        }
        return Stream.of(
                Arguments.of(
                        "1,001 operations",
                        ScimSchemas.USER_TYPE,
                        ops.toString(),
                        "Operations has 1001 entries; at most 1000"),
                Arguments.of(
                        "12,000 member ids over three operations",
                        ScimSchemas.GROUP_TYPE,
                        memberOps.toString(),
                        "members: 12000 member ids in one request"),
                Arguments.of(
                        "add with a path and no value",
                        ScimSchemas.USER_TYPE,
                        "{'op':'add','path':'displayName'}",
                        "add displayName needs a \"value\""),
                Arguments.of(
                        "replace with a path and no value",
                        ScimSchemas.USER_TYPE,
                        "{'op':'Replace','path':'title'}",
                        "replace title needs a \"value\""),
                Arguments.of(
                        "too long through a value filter",
                        ScimSchemas.USER_TYPE,
                        "{'op':'add','path':'emails[type eq \"work\"].value','value':'" + "e".repeat(1025) + "'}",
                        "is 1025 characters long; at most 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedPatches")
    void rejectedPatch(String label, ResourceTypeDef type, String operations, String detail) {
        ObjectNode current = type == ScimSchemas.USER_TYPE
                ? object("{'userName':'a','displayName':'D','title':'T'}")
                : object("{'displayName':'g'}");
        ObjectNode before = current.deepCopy();
        String body = "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[" + operations + "]}";
        assertInvalidValue(
                () -> new PatchEngine(IdpQuirks.VALUE_FILTER_CREATES_MISSING_ELEMENT)
                        .apply(type, current, normalizer.patch(type, object(body))),
                detail);
        assertThat(current).isEqualTo(before);
    }

    private static ObjectNode minimal(ResourceTypeDef type) {
        return type == ScimSchemas.USER_TYPE ? object("{'userName':'a'}") : object("{'displayName':'g'}");
    }

    private static void assertInvalidValue(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.scimType()).isEqualTo(ScimType.INVALID_VALUE);
            assertThat(e.detail()).contains(detail);
        });
    }
}
