package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User lifecycle over HTTP (RFC 7644 §3.3–§3.6, §3.14): create, read, replace, delete, uniqueness, read-only
 * attributes, {@code password}, {@code Location} headers and ETags.
 */
abstract class UsersContract extends ScimContract {

    @Test
    void postReturns201WithFullResourceLocationAndMeta() {
        String userName = Bodies.uniqueUserName("Created.User");
        ScimResponse created =
                scim.post("/Users", Bodies.user(userName)).expectStatus(201).expectScimContentType();
        String id = created.id();
        assertThat(id).as("id\n%s", created.describe()).isNotBlank();
        created.assertTexts("schemas", "").contains(Bodies.USER_URN);
        created.assertText("userName").isEqualTo(userName);
        created.assertText("name.givenName").isEqualTo("Given");
        created.assertText("emails[0].value").isEqualTo(userName);
        created.assertText("active").isEqualTo("true");
        created.assertText("meta.resourceType").isEqualTo("User");
        created.assertText("meta.location").endsWith("/scim/v2/Users/" + id);
        created.assertHeader("Location").isEqualTo(created.text("meta.location"));
        created.assertText("meta.version").isNotBlank();
        assertThat(Instant.parse(created.text("meta.created")))
                .as("meta.created\n%s", created.describe())
                .isBeforeOrEqualTo(Instant.parse(created.text("meta.lastModified")));
    }

    @Test
    void getPutAndPatchAnswerWithLocationOfTheResourceNotTheIdTwice() {
        String id = scim.createUser(Bodies.uniqueUserName("location"));
        String expected = server.scimUri() + "/Users/" + id;
        scim.get("/Users/" + id).expectStatus(200).assertHeader("Location").isEqualTo(expected);
        scim.put("/Users/" + id, Bodies.user(Bodies.uniqueUserName("location-put")))
                .expectStatus(200)
                .assertHeader("Location")
                .isEqualTo(expected);
        ScimResponse patched = scim.patch(
                "/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"L\"}"));
        if (patched.status() == 200) {
            patched.assertHeader("Location").isEqualTo(expected);
        } else {
            patched.expectStatus(204);
        }
    }

    @Test
    void userNameIsUniqueCaseInsensitivelyButKeptAsSent() {
        String userName = Bodies.uniqueUserName("Mixed.Case");
        String id = scim.createUser(userName);
        scim.post("/Users", Bodies.user(userName.toUpperCase())).expectScimError(409, "uniqueness");
        scim.post("/Users", Bodies.user(userName.toLowerCase())).expectScimError(409, "uniqueness");
        scim.get("/Users/" + id).expectStatus(200).assertText("userName").isEqualTo(userName);
        ScimResponse found = scim.get("/Users", "filter", "userName eq \"" + userName.toUpperCase() + "\"")
                .expectStatus(200);
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].userName").isEqualTo(userName);
    }

    @Test
    void putReplacesTheResource() {
        ObjectNode original = Bodies.user(Bodies.uniqueUserName("put"));
        original.put("title", "Engineer").put("nickName", "nick");
        String id = scim.createUser(original);
        String version = scim.get("/Users/" + id).expectStatus(200).text("meta.version");

        String newName = Bodies.uniqueUserName("put-renamed");
        ObjectNode replacement = Bodies.user(newName);
        ((ObjectNode) replacement.get("name")).put("givenName", "Replaced");
        ScimResponse put =
                scim.put("/Users/" + id, replacement).expectStatus(200).expectScimContentType();
        put.assertText("id").isEqualTo(id);
        put.assertText("userName").isEqualTo(newName);
        put.assertText("name.givenName").isEqualTo("Replaced");
        put.assertText("title")
                .as("title was not in the PUT body, so it is gone\n%s", put.describe())
                .isNull();
        put.assertText("nickName").isNull();
        put.assertText("meta.version").isNotEqualTo(version);

        ScimResponse read = scim.get("/Users/" + id).expectStatus(200);
        read.assertText("userName").isEqualTo(newName);
        read.assertText("title").isNull();
    }

    static Stream<Arguments> activeValues() {
        return Stream.of(Arguments.of(true), Arguments.of(false));
    }

    @ParameterizedTest(name = "PUT without 'active' keeps active={0}")
    @MethodSource("activeValues")
    void putWithoutActiveKeepsTheCurrentValue(boolean active) {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("put-active"));
        body.put("active", active);
        String id = scim.createUser(body);
        ObjectNode withoutActive = body.deepCopy();
        withoutActive.remove("active");
        withoutActive.put("displayName", "changed by PUT");
        scim.put("/Users/" + id, withoutActive)
                .expectStatus(200)
                .assertText("active")
                .isEqualTo(Boolean.toString(active));
        scim.get("/Users/" + id).expectStatus(200).assertText("active").isEqualTo(Boolean.toString(active));
    }

    @Test
    void deleteReturns204AndThen404() {
        String id = scim.createUser(Bodies.uniqueUserName("delete"));
        scim.delete("/Users/" + id).expectStatus(204);
        scim.get("/Users/" + id).expectScimError(404, null);
        scim.delete("/Users/" + id).expectScimError(404, null);
    }

    @Test
    void unknownIdGets404OnEveryMethod() {
        String path = "/Users/010101001010101011001010101011";
        scim.get(path).expectScimError(404, null);
        scim.put(path, Bodies.user(Bodies.uniqueUserName("ghost"))).expectScimError(404, null);
        scim.patch(path, Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}"))
                .expectScimError(404, null);
        scim.delete(path).expectScimError(404, null);
    }

    @Test
    void readOnlyAttributesInPostAndPutAreIgnored() {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("readonly"));
        body.put("id", "client-chosen-id");
        body.putObject("meta")
                .put("created", "2001-01-01T00:00:00Z")
                .put("version", "W/\"forged\"")
                .put("resourceType", "Group");
        body.putArray("groups").addObject().put("value", "some-group").put("display", "Forged");
        ScimResponse created = scim.post("/Users", body).expectStatus(201);
        String id = created.id();
        assertThat(id).as("server assigns the id\n%s", created.describe()).isNotEqualTo("client-chosen-id");
        created.assertText("meta.created").isNotEqualTo("2001-01-01T00:00:00Z");
        created.assertText("meta.resourceType").isEqualTo("User");
        assertThat(created.texts("groups", "value"))
                .as("groups is derived, not writable\n%s", created.describe())
                .isEmpty();

        body.put("displayName", "after PUT");
        ScimResponse put = scim.put("/Users/" + id, body).expectStatus(200);
        put.assertText("id").isEqualTo(id);
        put.assertText("meta.created").isEqualTo(created.text("meta.created"));
        assertThat(put.texts("groups", "value"))
                .as("groups after PUT\n%s", put.describe())
                .isEmpty();
        scim.get("/Users/client-chosen-id").expectScimError(404, null);
    }

    @Test
    void passwordIsNeverReturned() {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("password"));
        body.put("password", "S3cret!pass");
        ScimResponse created = scim.post("/Users", body).expectStatus(201);
        created.assertText("password").isNull();
        assertThat(created.body())
                .as("no trace of the password\n%s", created.describe())
                .doesNotContain("S3cret!pass");
        ScimResponse read = scim.get("/Users/" + created.id(), "attributes", "password,userName")
                .expectStatus(200);
        read.assertText("password").isNull();
        ScimResponse listed =
                scim.get("/Users", "filter", "id eq \"" + created.id() + "\"").expectStatus(200);
        assertThat(listed.body())
                .as("list\n%s", listed.describe())
                .doesNotContain("S3cret!pass")
                .doesNotContain("\"password\"");
    }

    @Test
    void enterpriseExtensionRoundTrips() {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("enterprise"));
        body.withArray("schemas").add(Bodies.ENTERPRISE_URN);
        body.putObject(Bodies.ENTERPRISE_URN).put("employeeNumber", "701984").put("department", "Tour Operations");
        String id = scim.createUser(body);
        ScimResponse read = scim.get("/Users/" + id).expectStatus(200);
        read.assertTexts("schemas", "").contains(Bodies.USER_URN, Bodies.ENTERPRISE_URN);
        read.assertText(Bodies.ENTERPRISE_URN + ".employeeNumber").isEqualTo("701984");
        read.assertText(Bodies.ENTERPRISE_URN + ".department").isEqualTo("Tour Operations");
    }

    @Test
    void deactivatedUsersStayReadableAndFindable() {
        String userName = Bodies.uniqueUserName("inactive");
        String id = scim.createUser(userName);
        scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
                .expectStatus(expectedPatchStatus());
        scim.get("/Users/" + id).expectStatus(200).assertText("active").isEqualTo("false");
        ScimResponse byName =
                scim.get("/Users", "filter", "userName eq \"" + userName + "\"").expectStatus(200);
        byName.assertText("totalResults").isEqualTo("1");
        byName.assertText("Resources[0].active").isEqualTo("false");
        scim.get("/Users", "filter", "active eq false and id eq \"" + id + "\"")
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("1");
    }

    @Test
    void etagHeaderIsMetaVersion() {
        String id = scim.createUser(Bodies.uniqueUserName("etag"));
        ScimResponse read = scim.get("/Users/" + id).expectStatus(200);
        read.assertHeader("ETag").isNotBlank().isEqualTo(read.text("meta.version"));
    }

    @Test
    void staleIfMatchGets412AndChangesNothing() {
        String id = scim.createUser(Bodies.uniqueUserName("ifmatch"));
        String stale = scim.get("/Users/" + id).expectStatus(200).text("meta.version");
        ScimResponse changed = scim.patch(
                "/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"v2\"}"));
        assertThat(changed.status()).as("PATCH\n%s", changed.describe()).isIn(200, 204);
        String current = scim.get("/Users/" + id).expectStatus(200).text("meta.version");
        assertThat(current).as("meta.version must change on update").isNotEqualTo(stale);

        ObjectNode replacement = Bodies.user(Bodies.uniqueUserName("ifmatch-put"));
        scim.send(scim.request().header("If-Match", stale), "PUT", "/Users/" + id, replacement)
                .expectScimError(412, null);
        scim.send(
                        scim.request().header("If-Match", stale),
                        "PATCH",
                        "/Users/" + id,
                        Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"v3\"}"))
                .expectScimError(412, null);
        scim.send(scim.request().header("If-Match", stale), "DELETE", "/Users/" + id, null)
                .expectScimError(412, null);
        ScimResponse unchanged = scim.get("/Users/" + id).expectStatus(200);
        unchanged.assertText("displayName").isEqualTo("v2");
        unchanged.assertText("meta.version").isEqualTo(current);

        scim.send(scim.request().header("If-Match", current), "PUT", "/Users/" + id, replacement)
                .expectStatus(200);
    }

    @Test
    void ifNoneMatchWithCurrentVersionGets304() {
        String id = scim.createUser(Bodies.uniqueUserName("ifnonematch"));
        String version = scim.get("/Users/" + id).expectStatus(200).header("ETag");
        assertThat(version).as("ETag header").isNotBlank();
        ScimResponse notModified =
                scim.send(scim.request().header("If-None-Match", version), "GET", "/Users/" + id, null);
        notModified.expectStatus(304);
        assertThat(notModified.body())
                .as("304 has no body\n%s", notModified.describe())
                .isEmpty();
        scim.send(scim.request().header("If-None-Match", "W/\"not-the-version\""), "GET", "/Users/" + id, null)
                .expectStatus(200);
    }

    /** PATCH answers 200 with the resource by default (docs/idp-quirks.md §O8). */
    protected int expectedPatchStatus() {
        return 200;
    }
}
