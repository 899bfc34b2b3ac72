package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PATCH on users (RFC 7644 §3.5.2): add/replace/remove with and without {@code path}, value-path filters,
 * extension URN paths, atomicity and the {@code scimType} of each failure.
 */
abstract class PatchContract extends ScimContract {

    private static final String DEPARTMENT = Bodies.ENTERPRISE_URN + ":department";

    /** A user with a work and a home email, a title and an enterprise department. */
    private String newUser() {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("patch"));
        body.putArray("emails")
                .add(Json.parse("{\"type\":\"work\",\"value\":\"work@example.com\",\"primary\":true}"))
                .add(Json.parse("{\"type\":\"home\",\"value\":\"home@example.com\"}"));
        body.put("title", "Engineer");
        body.withArray("schemas").add(Bodies.ENTERPRISE_URN);
        body.putObject(Bodies.ENTERPRISE_URN).put("department", "R&D");
        return scim.createUser(body);
    }

    /** PATCHes, checks the status, and returns the resource as a following GET sees it. */
    private ScimResponse patchAndRead(String id, String... operations) {
        ScimResponse patched =
                scim.patch("/Users/" + id, Bodies.patch(operations)).expectStatus(expectedPatchStatus());
        if (patched.status() == 200) {
            patched.assertText("id").isEqualTo(id);
        }
        return scim.get("/Users/" + id).expectStatus(200);
    }

    protected int expectedPatchStatus() {
        return 200;
    }

    @Test
    void defaultPatchResponseIsTheFullResource() {
        String id = newUser();
        ScimResponse patched =
                scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}"));
        patched.expectStatus(expectedPatchStatus());
        if (expectedPatchStatus() == 200) {
            patched.expectScimContentType();
            patched.assertText("title").isEqualTo("Lead");
            patched.assertText("userName").isNotBlank();
        }
    }

    @Test
    void addReplaceRemoveWithPath() {
        String id = newUser();
        patchAndRead(id, "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Nick\"}")
                .assertText("nickName")
                .isEqualTo("Nick");
        patchAndRead(id, "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Renamed\"}")
                .assertText("name.givenName")
                .isEqualTo("Renamed");
        ScimResponse removed = patchAndRead(id, "{\"op\":\"remove\",\"path\":\"title\"}");
        removed.assertText("title").isNull();
        removed.assertText("nickName").isEqualTo("Nick");
    }

    @Test
    void addToMultiValuedAttributeAppends() {
        String id = newUser();
        ScimResponse read = patchAndRead(
                id,
                "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"type\":\"other\",\"value\":\"other@example.com\"}]}");
        read.assertTexts("emails", "value")
                .containsExactlyInAnyOrder("work@example.com", "home@example.com", "other@example.com");
    }

    @Test
    void pathlessReplaceAppliesEachKeyAndIgnoresReadOnlyOnes() {
        // Okta deactivation, plus the read-only id Okta sends inside the value.
        String id = newUser();
        ScimResponse read = patchAndRead(
                id,
                "{\"op\":\"replace\",\"value\":{\"id\":\"forged-id\",\"active\":false,\"displayName\":\"Okta Name\"}}");
        read.assertText("id").isEqualTo(id);
        read.assertText("active").isEqualTo("false");
        read.assertText("displayName").isEqualTo("Okta Name");
    }

    @Test
    void pathlessAddWithDottedAndUrnKeys() {
        String id = newUser();
        ScimResponse read = patchAndRead(
                id, "{\"op\":\"add\",\"value\":{\"name.familyName\":\"Dotted\",\"" + DEPARTMENT + "\":\"Ops\"}}");
        read.assertText("name.familyName").isEqualTo("Dotted");
        read.assertText(Bodies.ENTERPRISE_URN + ".department").isEqualTo("Ops");
    }

    @Test
    void extensionUrnPaths() {
        String id = newUser();
        patchAndRead(id, "{\"op\":\"replace\",\"path\":\"" + DEPARTMENT + "\",\"value\":\"Finance\"}")
                .assertText(Bodies.ENTERPRISE_URN + ".department")
                .isEqualTo("Finance");
        patchAndRead(id, "{\"op\":\"add\",\"path\":\"" + Bodies.ENTERPRISE_URN + ":employeeNumber\",\"value\":\"42\"}")
                .assertText(Bodies.ENTERPRISE_URN + ".employeeNumber")
                .isEqualTo("42");
        ScimResponse removed = patchAndRead(id, "{\"op\":\"remove\",\"path\":\"" + DEPARTMENT + "\"}");
        removed.assertText(Bodies.ENTERPRISE_URN + ".department").isNull();
        removed.assertText(Bodies.ENTERPRISE_URN + ".employeeNumber").isEqualTo("42");
    }

    @Test
    void valuePathReplaceChangesOnlyTheMatchingElement() {
        String id = newUser();
        ScimResponse read = patchAndRead(
                id,
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new-work@example.com\"}");
        read.assertTexts("emails", "value").containsExactlyInAnyOrder("new-work@example.com", "home@example.com");
    }

    @Test
    void valuePathRemoveRemovesOnlyTheMatchingElement() {
        String id = newUser();
        ScimResponse read = patchAndRead(id, "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}");
        read.assertTexts("emails", "value").containsExactly("work@example.com");
    }

    static Stream<Arguments> badOperations() {
        return Stream.of(
                Arguments.of("{\"op\":\"replace\",\"path\":\"noSuchAttribute\",\"value\":\"x\"}", "invalidPath"),
                Arguments.of(
                        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":\"x\"}", "invalidPath"),
                Arguments.of("{\"op\":\"remove\"}", "noTarget"),
                Arguments.of("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"forged\"}", "mutability"),
                Arguments.of("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}", "invalidValue"),
                Arguments.of("{\"op\":\"replace\",\"path\":\"name\",\"value\":42}", "invalidValue"));
    }

    @ParameterizedTest(name = "valid op then {0} → 400 {1}, nothing applied")
    @MethodSource("badOperations")
    void onePatchIsAtomicAndFailsWithTheRightScimType(String badOperation, String scimType) {
        String id = newUser();
        ScimResponse before = scim.get("/Users/" + id).expectStatus(200);
        scim.patch(
                        "/Users/" + id,
                        Bodies.patch(
                                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"must not stick\"}",
                                "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"must not stick\"}",
                                badOperation))
                .expectScimError(400, scimType);
        ScimResponse after = scim.get("/Users/" + id).expectStatus(200);
        after.assertText("displayName").isEqualTo(before.text("displayName"));
        after.assertText("nickName").isNull();
        after.assertText("meta.version").isEqualTo(before.text("meta.version"));
    }

    @ParameterizedTest(name = "PATCH path {0} → 400 mutability")
    @ValueSource(strings = {"id", "groups", "meta.created", "meta.lastModified"})
    void patchPathNamingReadOnlyAttributeGets400Mutability(String path) {
        String id = newUser();
        String value = path.equals("groups") ? "[{\"value\":\"g1\"}]" : "\"2001-01-01T00:00:00Z\"";
        scim.patch(
                        "/Users/" + id,
                        Bodies.patch("{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":" + value + "}"))
                .expectScimError(400, "mutability");
    }

    @Test
    void passwordInPatchIsNotReturned() {
        String id = newUser();
        ScimResponse patched =
                scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"value\":{\"password\":\"N3w!pass\"}}"));
        assertThat(patched.status())
                .as("PATCH with a password\n%s", patched.describe())
                .isIn(200, 204, 400);
        assertThat(patched.body()).as("password echoed\n%s", patched.describe()).doesNotContain("N3w!pass");
        assertThat(scim.get("/Users/" + id).expectStatus(200).body()).doesNotContain("N3w!pass");
    }
}
