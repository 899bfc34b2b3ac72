package dev.kiroscim.it;

import static dev.kiroscim.it.Bodies.ENTERPRISE_URN;
import static dev.kiroscim.it.Bodies.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checklist in {@code docs/idp-quirks.md}, one test per line: I1–I15 (what we accept from Okta and Entra) and
 * O1–O15 (what we answer). Each test sends the request shape the document quotes, byte for byte where the bytes
 * matter (query encoding, missing headers: see {@link RawHttp}).
 */
abstract class IdpChecklistContract extends ScimContract {

    private static final String MS_GROUP_URN =
            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

    private RawHttp raw() {
        return RawHttp.to(server);
    }

    private String bearer() {
        return "Bearer " + server.token();
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8); // spaces become '+', as Entra sends them
    }

    private ScimResponse filterUsers(String filter) {
        return raw().send("GET", "/Users?filter=" + q(filter), null, "Authorization", bearer())
                .expectStatus(200);
    }

    private ScimResponse patchUser(String id, String... operations) {
        return scim.patch("/Users/" + id, Bodies.patch(operations)).expectStatus(200);
    }

    private ScimResponse patchGroup(String id, String... operations) {
        return scim.patch("/Groups/" + id, Bodies.patch(operations)).expectStatus(200);
    }

    private ScimResponse read(String path) {
        return scim.get(path).expectStatus(200);
    }

    // ---------------------------------------------------------------------------------------------------- input side

    static Stream<String> requestContentTypes() {
        return Stream.of(
                "application/scim+json",
                "application/scim+json; charset=utf-8",
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8");
    }

    @ParameterizedTest
    @MethodSource("requestContentTypes")
    void I1_scimJsonAndJsonContentTypesAcceptedOnPostPutPatch(String contentType) {
        String userName = Bodies.uniqueUserName("i1");
        ScimResponse created = raw().send(
                        "POST",
                        "/Users",
                        Bodies.user(userName).toString(),
                        "Authorization",
                        bearer(),
                        "Content-Type",
                        contentType)
                .expectStatus(201);
        String id = created.id();
        ObjectNode replaced = Bodies.user(userName).put("title", "Put");
        raw().send("PUT", "/Users/" + id, replaced.toString(), "Authorization", bearer(), "Content-Type", contentType)
                .expectStatus(200)
                .assertText("title")
                .isEqualTo("Put");
        raw().send(
                        "PATCH",
                        "/Users/" + id,
                        Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Patched\"}")
                                .toString(),
                        "Authorization",
                        bearer(),
                        "Content-Type",
                        contentType)
                .expectStatus(200)
                .assertText("title")
                .isEqualTo("Patched");
    }

    @Test
    void I2_noAcceptHeaderIsAnsweredWithScimJson() {
        // Entra's Test Connection (docs/idp-quirks.md §I2, "Entra"): no Accept, no Content-Type, '+' for spaces, a
        // random GUID.
        ScimResponse response = raw().send(
                        "GET",
                        "/Users?filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22",
                        null,
                        "Authorization",
                        bearer());
        response.expectStatus(200).expectScimContentType();
        response.assertText("totalResults").isEqualTo("0");
        String id = scim.createUser(Bodies.uniqueUserName("i2"));
        raw().send("GET", "/Users/" + id, null, "Authorization", bearer())
                .expectStatus(200)
                .expectScimContentType();
    }

    @ParameterizedTest
    @CsvSource({"add,replace,remove", "Add,Replace,Remove", "ADD,REPLACE,REMOVE"})
    void I3_patchOpIsCaseInsensitive(String add, String replace, String remove) {
        String id = scim.createUser(Bodies.uniqueUserName("i3"));
        patchUser(id, "{\"op\":\"" + add + "\",\"path\":\"nickName\",\"value\":\"Babs\"}")
                .assertText("nickName")
                .isEqualTo("Babs");
        patchUser(id, "{\"op\":\"" + replace + "\",\"path\":\"nickName\",\"value\":\"Bee\"}")
                .assertText("nickName")
                .isEqualTo("Bee");
        patchUser(id, "{\"op\":\"" + remove + "\",\"path\":\"nickName\"}")
                .assertText("nickName")
                .isNull();
    }

    @Test
    void I4_stringBooleansAcceptedForActivePrimaryAndInFilters() {
        String userName = Bodies.uniqueUserName("i4");
        ObjectNode body = Bodies.user(userName).put("active", "True");
        body.putArray("emails")
                .add(Json.parse("{\"type\":\"work\",\"value\":" + str(userName) + ",\"primary\":\"True\"}"));
        body.putArray("roles")
                .add(Json.parse(
                        "{\"primary\":\"True\",\"value\":\"i4-role\",\"type\":\"WindowsAzureActiveDirectoryRole\"}"));
        ScimResponse created = scim.post("/Users", body).expectStatus(201);
        assertThat(created.node("active").isBoolean()).as(created.describe()).isTrue();
        assertThat(created.node("emails[0].primary").isBoolean())
                .as(created.describe())
                .isTrue();
        created.assertText("active").isEqualTo("true");
        String id = created.id();

        filterUsers("userName eq \"" + userName + "\" and roles[primary eq \"True\"]")
                .assertText("totalResults")
                .isEqualTo("1");
        patchUser(id, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")
                .assertText("active")
                .isEqualTo("false");
        filterUsers("userName eq \"" + userName + "\" and active eq \"False\"")
                .assertText("totalResults")
                .isEqualTo("1");
        patchUser(id, "{\"op\":\"replace\",\"path\":\"roles[primary eq \\\"True\\\"].display\",\"value\":\"Role\"}")
                .assertText("roles[0].display")
                .isEqualTo("Role");
        patchUser(id, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"true\"}")
                .assertText("active")
                .isEqualTo("true");
    }

    @Test
    void I5_pathlessValueAppliesNamesDottedPathsAndExtensionUrns() {
        String id = scim.createUser(Bodies.uniqueUserName("i5"));
        ScimResponse patched = patchUser(
                id,
                "{\"op\":\"replace\",\"value\":{\"displayName\":\"Bjfe\",\"name.givenName\":\"Kkom\","
                        + "\"name.familyName\":\"Unua\",\"" + ENTERPRISE_URN
                        + ":employeeNumber\":\"Aklq\",\"active\":false}}");
        patched.assertText("displayName").isEqualTo("Bjfe");
        patched.assertText("name.givenName").isEqualTo("Kkom");
        patched.assertText("name.familyName").isEqualTo("Unua");
        patched.assertText("active").isEqualTo("false");
        assertThat(patched.json().path(ENTERPRISE_URN).path("employeeNumber").asText())
                .as(patched.describe())
                .isEqualTo("Aklq");
    }

    @Test
    void I6_valuePathAddAndReplaceCreateTheMissingElementAndKeepTheOthers() {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("i6"));
        body.putArray("emails").add(Json.parse("{\"type\":\"home\",\"value\":\"home@example.com\"}"));
        String id = scim.createUser(body);
        ScimResponse patched = patchUser(
                id,
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"work@example.com\"}",
                "{\"op\":\"Add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+1 555 0100\"}",
                "{\"op\":\"replace\",\"path\":\"addresses[type eq \\\"work\\\"].streetAddress\",\"value\":\"1 Main St\"}");
        patched.assertTexts("emails", "value").containsExactlyInAnyOrder("home@example.com", "work@example.com");
        assertThat(emailOfType(patched, "work")).isEqualTo("work@example.com");
        patched.assertText("phoneNumbers[0].type").isEqualTo("mobile");
        patched.assertText("phoneNumbers[0].value").isEqualTo("+1 555 0100");
        patched.assertText("addresses[0].type").isEqualTo("work");
        patched.assertText("addresses[0].streetAddress").isEqualTo("1 Main St");

        ScimResponse replacedAgain = patchUser(
                id,
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new-work@example.com\"}");
        replacedAgain
                .assertTexts("emails", "value")
                .containsExactlyInAnyOrder("home@example.com", "new-work@example.com");

        String member = scim.createUser(Bodies.uniqueUserName("i6m"));
        String other = scim.createUser(Bodies.uniqueUserName("i6m"));
        String group = scim.createGroup("i6-" + Bodies.unique(), member, other);
        patchGroup(group, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + member + "\\\"]\"}");
        read("/Groups/" + group).assertTexts("members", "value").containsExactly(other);
    }

    private static String emailOfType(ScimResponse user, String type) {
        for (JsonNode email : user.node("emails")) {
            if (type.equals(email.path("type").asText())) {
                return email.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void I7_entraLegacyMemberRemoveRemovesOnlyListed() {
        String a = scim.createUser(Bodies.uniqueUserName("i7"));
        String b = scim.createUser(Bodies.uniqueUserName("i7"));
        String c = scim.createUser(Bodies.uniqueUserName("i7"));
        String group = scim.createGroup("i7-" + Bodies.unique(), a, b, c);

        // Entra without the flag: path "members" plus a value list removes only the listed ids (bug #3).
        patchGroup(
                group, "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"" + a + "\"}]}");
        read("/Groups/" + group).assertTexts("members", "value").containsExactlyInAnyOrder(b, c);
        // RFC shape (Entra with the flag, Okta).
        patchGroup(group, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}");
        read("/Groups/" + group).assertTexts("members", "value").containsExactly(c);
        // No value and no filter: RFC 7644 §3.5.2.2 removes all.
        patchGroup(group, "{\"op\":\"remove\",\"path\":\"members\"}");
        ScimResponse emptied = read("/Groups/" + group);
        assertThat(emptied.node("members").size()).as(emptied.describe()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "nickName,nickName",
        "externalId,externalId",
        "title,title",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department"
    })
    void I8_addOnSingleValuedAttributeReplacesIt(String path, String readBack) {
        ObjectNode body = Bodies.user(Bodies.uniqueUserName("i8"))
                .put("nickName", "Old")
                .put("externalId", "old")
                .put("title", "Old");
        body.withArray("schemas").add(ENTERPRISE_URN);
        body.putObject(ENTERPRISE_URN).put("department", "Old");
        String id = scim.createUser(body);
        ScimResponse patched = patchUser(id, "{\"op\":\"Add\",\"path\":\"" + path + "\",\"value\":\"New\"}");
        String value = readBack.startsWith("urn:")
                ? patched.json().path(ENTERPRISE_URN).path("department").asText()
                : patched.text(readBack);
        assertThat(value).as(patched.describe()).isEqualTo("New");
    }

    static Stream<Arguments> managerShapes() {
        return Stream.of(
                Arguments.of(
                        "object on the URN path",
                        "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE_URN
                                + ":manager\",\"value\":{\"value\":\"%s\"}}"),
                Arguments.of(
                        "bare string on the URN path",
                        "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE_URN + ":manager\",\"value\":\"%s\"}"),
                Arguments.of(
                        "legacy list with $ref",
                        "{\"op\":\"Add\",\"path\":\"manager\",\"value\":[{\"$ref\":\"http://x/Users/%1$s\",\"value\":\"%1$s\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managerShapes")
    void I9_enterpriseManagerInEveryShapeAndClearedByEmptyValue(String shape, String operationTemplate) {
        String manager = scim.createUser(Bodies.uniqueUserName("i9m"));
        String id = scim.createUser(Bodies.uniqueUserName("i9"));
        ScimResponse set = patchUser(id, String.format(operationTemplate, manager));
        assertThat(set.json().path(ENTERPRISE_URN).path("manager").path("value").asText())
                .as(set.describe())
                .isEqualTo(manager);
        for (String cleared : List.of("{\"value\":\"\"}", "\"\"", "null")) {
            patchUser(id, String.format(operationTemplate, manager));
            ScimResponse clear = patchUser(
                    id, "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE_URN + ":manager\",\"value\":" + cleared + "}");
            assertThat(clear.json()
                            .path(ENTERPRISE_URN)
                            .path("manager")
                            .path("value")
                            .asText(""))
                    .as("cleared with %s\n%s", cleared, clear.describe())
                    .isEmpty();
        }
    }

    @Test
    void I10_readOnlyAndUnknownInputIsIgnored() {
        String userName = Bodies.uniqueUserName("i10");
        ObjectNode user = Bodies.user(userName);
        user.put("id", "client-chosen").put("password", "tmp-Random-1").putNull("title");
        user.putArray("groups");
        user.putNull("addresses");
        user.putObject("meta").put("resourceType", "User");
        user.putArray("roles");
        ScimResponse created = scim.post("/Users", user).expectStatus(201);
        assertThat(created.id()).isNotEqualTo("client-chosen");
        assertThat(created.json().has("password")).as(created.describe()).isFalse();
        // Okta PUT echoes GET back, read-only parts included (§1.7).
        ObjectNode echoed = (ObjectNode) read("/Users/" + created.id()).json();
        ((ObjectNode) echoed.withArray("emails").get(0)).put("display", userName);
        echoed.put("displayName", "Echoed");
        scim.put("/Users/" + created.id(), echoed)
                .expectStatus(200)
                .assertText("displayName")
                .isEqualTo("Echoed");

        String member = created.id();
        ObjectNode group = Json.MAPPER.createObjectNode();
        group.putArray("schemas").add(Bodies.GROUP_URN).add(MS_GROUP_URN);
        group.put("displayName", "i10-" + Bodies.unique()).put("externalId", "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159");
        group.putObject("meta").put("resourceType", "Group");
        group.putArray("members").add(Json.parse("{\"value\":\"" + member + "\",\"$ref\":null,\"display\":null}"));
        ScimResponse createdGroup = scim.post("/Groups", group).expectStatus(201);
        createdGroup.assertTexts("members", "value").containsExactly(member);
    }

    static Stream<Arguments> lenientFilters() {
        return Stream.of(
                Arguments.of("'+' for spaces", "/Users?filter=userName+eq+%22{u}%22"),
                Arguments.of("%20 for spaces", "/Users?filter=userName%20eq%20%22{u}%22"),
                Arguments.of("attribute name in another case", "/Users?filter=USERNAME+eq+%22{u}%22"),
                Arguments.of("mixed-case operator and names", "/Users?filter=UserName+EQ+%22{u}%22+and+ActiVe+eq+true"),
                Arguments.of("unquoted literal", "/Users?filter=userName+eq+{u}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lenientFilters")
    void I11_filterParserIsLenientWithEncodingCaseAndLiterals(String leniency, String pathAndQuery) {
        String userName = "i11-" + Bodies.unique() + "@example.com";
        scim.createUser(userName);
        String encodedUser = userName.replace("@", "%40");
        raw().send("GET", pathAndQuery.replace("{u}", encodedUser), null, "Authorization", bearer())
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("1");
    }

    static Stream<Arguments> filterableAttributes() {
        return Stream.of(
                Arguments.of("/Users", "userName eq \"{userName}\""),
                Arguments.of("/Users", "externalId eq \"{externalId}\""),
                Arguments.of("/Users", "id eq \"{id}\""),
                Arguments.of("/Users", "emails.value eq \"{userName}\""),
                Arguments.of("/Users", "emails[type eq \"work\"].value eq \"{userName}\""),
                Arguments.of("/Users", "externalId eq \"{externalId}\" and active eq true"),
                Arguments.of("/Groups", "displayName eq \"{displayName}\""),
                Arguments.of("/Groups", "externalId eq \"{externalId}\""),
                Arguments.of("/Groups", "id eq \"{groupId}\""));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("filterableAttributes")
    void I12_matchingAttributesAreFilterable(String endpoint, String filterTemplate) {
        String tag = Bodies.unique();
        String userName = "i12-" + tag + "@example.com";
        String id = scim.createUser((ObjectNode) Bodies.user(userName).put("externalId", "ext-" + tag));
        ObjectNode group = Bodies.group("i12-" + tag).put("externalId", "ext-" + tag);
        String groupId = scim.post("/Groups", group).expectStatus(201).id();
        String filter = filterTemplate
                .replace("{userName}", userName)
                .replace("{externalId}", "ext-" + tag)
                .replace("{id}", id)
                .replace("{displayName}", "i12-" + tag)
                .replace("{groupId}", groupId);
        ScimResponse found = raw().send("GET", endpoint + "?filter=" + q(filter), null, "Authorization", bearer())
                .expectStatus(200);
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(endpoint.equals("/Users") ? id : groupId);
    }

    @Test
    void I13_unknownQueryParametersAndTrailingSlashAreTolerated() {
        String userName = Bodies.uniqueUserName("i13");
        String auth = bearer();
        String ct = "application/scim+json; charset=utf-8";
        String id = raw().send(
                        "POST",
                        "/Users?aadOptscim062020",
                        Bodies.user(userName).toString(),
                        "Authorization",
                        auth,
                        "Content-Type",
                        ct)
                .expectStatus(201)
                .id();
        String filter = "filter=userName+eq+%22" + userName.replace("@", "%40") + "%22";
        for (String pathAndQuery : List.of(
                "/Users?aadOptscim062020&" + filter,
                "/Users/?" + filter,
                "/Users/?aadOptscim062020&" + filter,
                "/Users?" + filter + "&utm_source=x&aadOptscim062020")) {
            raw().send("GET", pathAndQuery, null, "Authorization", auth)
                    .expectStatus(200)
                    .assertText("totalResults")
                    .isEqualTo("1");
        }
        raw().send("GET", "/Users/" + id + "?aadOptscim062020", null, "Authorization", auth)
                .expectStatus(200)
                .assertText("id")
                .isEqualTo(id);
        raw().send("GET", "/Users/" + id + "/", null, "Authorization", auth)
                .expectStatus(200)
                .assertText("id")
                .isEqualTo(id);
        raw().send(
                        "PUT",
                        "/Users/" + id + "?aadOptscim062020",
                        Bodies.user(userName).put("title", "T").toString(),
                        "Authorization",
                        auth,
                        "Content-Type",
                        ct)
                .expectStatus(200);
        raw().send(
                        "PATCH",
                        "/Users/" + id + "?aadOptscim062020",
                        Bodies.patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")
                                .toString(),
                        "Authorization",
                        auth,
                        "Content-Type",
                        ct)
                .expectStatus(200)
                .assertText("active")
                .isEqualTo("false");
        String groupId = raw().send(
                        "POST",
                        "/Groups/?aadOptscim062020",
                        Bodies.group("i13-" + Bodies.unique()).toString(),
                        "Authorization",
                        auth,
                        "Content-Type",
                        ct)
                .expectStatus(201)
                .id();
        for (String discovery : List.of(
                "/ServiceProviderConfig?aadOptscim062020",
                "/Schemas/?aadOptscim062020",
                "/ResourceTypes?aadOptscim062020",
                "/Groups?aadOptscim062020&count=1")) {
            raw().send("GET", discovery, null, "Authorization", auth).expectStatus(200);
        }
        raw().send("DELETE", "/Groups/" + groupId + "?aadOptscim062020", null, "Authorization", auth)
                .expectStatus(204);
        raw().send("DELETE", "/Users/" + id + "?aadOptscim062020", null, "Authorization", auth)
                .expectStatus(204);
    }

    @Test
    void I14_excludedAttributesAndAttributesOnGetByIdAndOnFilter() {
        String member = scim.createUser(Bodies.uniqueUserName("i14"));
        String name = "i14-" + Bodies.unique();
        String group = scim.createGroup(name, member);
        ScimResponse byId =
                scim.get("/Groups/" + group, "excludedAttributes", "members").expectStatus(200);
        assertThat(byId.json().has("members")).as(byId.describe()).isFalse();
        byId.assertText("displayName").isEqualTo(name);
        ScimResponse filtered = scim.get(
                        "/Groups", "excludedAttributes", "members", "filter", "displayName eq \"" + name + "\"")
                .expectStatus(200);
        filtered.assertText("totalResults").isEqualTo("1");
        assertThat(filtered.node("Resources[0]").has("members"))
                .as(filtered.describe())
                .isFalse();

        ScimResponse onlyId = scim.get("/Users/" + member, "attributes", "id").expectStatus(200);
        onlyId.assertText("id").isEqualTo(member);
        onlyId.assertText("userName").isNull();
        ScimResponse listOnlyUserName = scim.get(
                        "/Users", "attributes", "userName", "filter", "id eq \"" + member + "\"")
                .expectStatus(200);
        listOnlyUserName.assertText("Resources[0].userName").isNotBlank();
        listOnlyUserName.assertText("Resources[0].emails").isNull();
    }

    @Test
    void I15_staticBearerTokenAndBasicAuthAreAccepted() {
        raw().send("GET", "/Users?startIndex=1&count=2", null, "Authorization", bearer())
                .expectStatus(200);
        String basic =
                Base64.getEncoder().encodeToString(("bootstrap:" + server.token()).getBytes(StandardCharsets.UTF_8));
        raw().send("GET", "/Users?startIndex=1&count=2", null, "Authorization", "Basic " + basic)
                .expectStatus(200);
        raw().send("GET", "/Users?startIndex=1&count=2", null, "Authorization", "Bearer wrong")
                .expectScimError(401, null);
    }

    // --------------------------------------------------------------------------------------------------- output side

    @Test
    void O1_everyResponseIsScimJsonErrorsIncluded() {
        String id = scim.createUser(Bodies.uniqueUserName("o1"));
        List<ScimResponse> responses = new ArrayList<>();
        responses.add(raw().send("GET", "/Users/" + id, null, "Authorization", bearer()));
        responses.add(
                raw().send("GET", "/Users?count=1", null, "Authorization", bearer(), "Accept", "application/json"));
        responses.add(raw().send("GET", "/Users/does-not-exist", null, "Authorization", bearer()));
        responses.add(raw().send("GET", "/Users", null));
        responses.add(raw().send("GET", "/Users?filter=" + q("userName eq"), null, "Authorization", bearer()));
        responses.add(raw().send(
                        "POST", "/Schemas", "{}", "Authorization", bearer(), "Content-Type", "application/scim+json"));
        responses.add(raw().send(
                        "POST",
                        "/Users",
                        "{not json",
                        "Authorization",
                        bearer(),
                        "Content-Type",
                        "application/scim+json"));
        responses.add(raw().send("GET", "/ServiceProviderConfig", null, "Authorization", bearer()));
        for (ScimResponse response : responses) {
            response.expectScimContentType();
        }
        assertThat(responses).extracting(ScimResponse::status).containsExactly(200, 200, 404, 401, 400, 405, 400, 200);
    }

    @Test
    void O2_filterQueriesAlwaysAnswerAListResponseWithNumbers() {
        ScimResponse none = scim.get(
                        "/Users",
                        "filter",
                        "userName eq \"nobody-" + Bodies.unique() + "@example.com\"",
                        "startIndex",
                        "1",
                        "count",
                        "100")
                .expectStatus(200);
        assertThat(none.body()).contains("\"Resources\":[]");
        for (String field : List.of("totalResults", "startIndex", "itemsPerPage")) {
            assertThat(none.node(field).isInt())
                    .as("%s is a JSON number\n%s", field, none.describe())
                    .isTrue();
        }
        none.assertText("totalResults").isEqualTo("0");
        none.assertText("itemsPerPage").isEqualTo("0");
        assertThat(none.texts("schemas")).containsExactly(ScimResponse.LIST_URN);
        String name = "o2-" + Bodies.unique();
        scim.createGroup(name);
        ScimResponse one = scim.get("/Groups", "filter", "displayName eq \"" + name + "\"", "count", "100")
                .expectStatus(200);
        one.assertText("itemsPerPage").isEqualTo("1");
        one.assertText("totalResults").isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource({
        "GET,/Users",
        "PUT,/Users",
        "PATCH,/Users",
        "DELETE,/Users",
        "GET,/Groups",
        "PUT,/Groups",
        "PATCH,/Groups",
        "DELETE,/Groups"
    })
    void O3_unknownIdIs404WithScimErrorBody(String method, String endpoint) {
        String body = switchBody(method, endpoint);
        raw().send(
                        method,
                        endpoint + "/010101001010101011001010101011",
                        body,
                        "Authorization",
                        bearer(),
                        "Content-Type",
                        "application/scim+json")
                .expectScimError(404, null);
    }

    private static String switchBody(String method, String endpoint) {
        if (method.equals("PUT")) {
            return endpoint.equals("/Users")
                    ? Bodies.user(Bodies.uniqueUserName("o3")).toString()
                    : Bodies.group("o3-" + Bodies.unique()).toString();
        }
        if (method.equals("PATCH")) {
            return Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}")
                    .toString();
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "non-token", "Bearer ", "Bearer not-a-token", "Basic Ym9vdHN0cmFwOndyb25n"})
    void O4_missingOrInvalidCredentialsAre401WithScimErrorBody(String authorization) {
        ScimResponse response = authorization.isEmpty()
                ? raw().send("GET", "/Users?filter=userName+eq+%22x%22", null)
                : raw().send("GET", "/Users?filter=userName+eq+%22x%22", null, "Authorization", authorization);
        response.expectScimError(401, null);
    }

    @Test
    void O5_duplicateUserNameAndGroupDisplayNameAre409Uniqueness() {
        String userName = Bodies.uniqueUserName("o5");
        scim.createUser(userName);
        scim.post("/Users", Bodies.user(userName)).expectScimError(409, "uniqueness");
        scim.post("/Users", Bodies.user(userName.toUpperCase())).expectScimError(409, "uniqueness");
        String name = "o5-" + Bodies.unique();
        scim.createGroup(name);
        scim.post("/Groups", Bodies.group(name)).expectScimError(409, "uniqueness");
    }

    @Test
    void O6_userNameMatchesCaseInsensitivelyAndIsReturnedCasePreserved() {
        String userName = "Runscope" + Bodies.unique() + "Mixed@Atko.com";
        ScimResponse created = scim.post("/Users", Bodies.user(userName)).expectStatus(201);
        created.assertText("userName").isEqualTo(userName);
        for (String variant : List.of(userName, userName.toUpperCase(), userName.toLowerCase())) {
            ScimResponse found = filterUsers("userName eq \"" + variant + "\"");
            found.assertText("totalResults").isEqualTo("1");
            found.assertText("Resources[0].userName").isEqualTo(userName);
        }
    }

    @Test
    void O7_postAnswers201WithTheFullResourceAndLocation() {
        String userName = Bodies.uniqueUserName("o7");
        ScimResponse created =
                scim.post("/Users", Bodies.user(userName)).expectStatus(201).expectScimContentType();
        created.assertText("id").isNotBlank();
        created.assertText("userName").isEqualTo(userName);
        created.assertText("name.familyName").isEqualTo("Family");
        created.assertText("meta.created").isNotBlank();
        created.assertHeader("Location")
                .isEqualTo(created.text("meta.location"))
                .endsWith("/Users/" + created.id());
        ScimResponse group = scim.post("/Groups", Bodies.group("o7-" + Bodies.unique(), created.id()))
                .expectStatus(201);
        group.assertHeader("Location").isEqualTo(group.text("meta.location")).endsWith("/Groups/" + group.id());
        group.assertTexts("members", "value").containsExactly(created.id());
    }

    @Test
    void O8_patchAnswers200WithTheFullResourceByDefault() {
        String id = scim.createUser(Bodies.uniqueUserName("o8"));
        ScimResponse user = scim.patch(
                        "/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"))
                .expectStatus(200);
        user.expectScimContentType().assertText("userName").isNotBlank();
        user.assertText("active").isEqualTo("false");
        String group = scim.createGroup("o8-" + Bodies.unique());
        scim.patch(
                        "/Groups/" + group,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"))
                .expectStatus(200)
                .assertTexts("members", "value")
                .containsExactly(id);
    }

    @Test
    void O9_locationHeaderOnGetPutAndPatch() {
        String userName = Bodies.uniqueUserName("o9");
        String id = scim.createUser(userName);
        String expected = scim.scimUri() + "/Users/" + id;
        scim.get("/Users/" + id).expectStatus(200).assertHeader("Location").isEqualTo(expected);
        scim.put("/Users/" + id, Bodies.user(userName))
                .expectStatus(200)
                .assertHeader("Location")
                .isEqualTo(expected);
        scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"))
                .expectStatus(200)
                .assertHeader("Location")
                .isEqualTo(expected);
        String group = scim.createGroup("o9-" + Bodies.unique());
        scim.get("/Groups/" + group)
                .expectStatus(200)
                .assertHeader("Location")
                .isEqualTo(scim.scimUri() + "/Groups/" + group);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void O10_deleteIs204AndASecondDeleteIs404(String endpoint) {
        String id = endpoint.equals("/Users")
                ? scim.createUser(Bodies.uniqueUserName("o10"))
                : scim.createGroup("o10-" + Bodies.unique());
        ScimResponse deleted = scim.delete(endpoint + "/" + id).expectStatus(204);
        assertThat(deleted.body()).isEmpty();
        scim.get(endpoint + "/" + id).expectScimError(404, null);
        scim.delete(endpoint + "/" + id).expectScimError(404, null);
    }

    @Test
    void O11_inactiveUsersStayVisibleToGetAndFilter() {
        String userName = Bodies.uniqueUserName("o11");
        String id = scim.createUser(userName);
        patchUser(id, "{\"op\":\"replace\",\"value\":{\"active\":false}}");
        read("/Users/" + id).assertText("active").isEqualTo("false");
        ScimResponse found = filterUsers("userName eq \"" + userName + "\"");
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].active").isEqualTo("false");
    }

    @Test
    void O12_paginationIsStableOneBasedAndCappedByMaxResults() {
        String prefix = "o12-" + Bodies.unique();
        for (int i = 0; i < 7; i++) {
            scim.createGroup(prefix + "-" + i);
        }
        String filter = "displayName sw \"" + prefix + "\"";
        List<String> all = scim.get("/Groups", "filter", filter, "startIndex", "1", "count", "100")
                .expectStatus(200)
                .texts("Resources", "id");
        assertThat(all).hasSize(7);
        List<String> paged = new ArrayList<>();
        for (int start = 1; start <= 7; start += 3) {
            ScimResponse page = scim.get(
                            "/Groups", "filter", filter, "startIndex", Integer.toString(start), "count", "3")
                    .expectStatus(200);
            page.assertText("startIndex").isEqualTo(Integer.toString(start));
            page.assertText("totalResults").isEqualTo("7");
            page.assertText("itemsPerPage")
                    .isEqualTo(Integer.toString(page.node("Resources").size()));
            paged.addAll(page.texts("Resources", "id"));
        }
        assertThat(paged).containsExactlyElementsOf(all);
        ScimResponse beyond = scim.get("/Groups", "filter", filter, "startIndex", "101", "count", "100")
                .expectStatus(200);
        beyond.assertText("itemsPerPage").isEqualTo("0");
        beyond.assertText("totalResults").isEqualTo("7");

        String maxResults = scim.get("/ServiceProviderConfig").expectStatus(200).text("filter.maxResults");
        ScimResponse capped = scim.get("/Users", "count", "100000").expectStatus(200);
        assertThat(capped.node("itemsPerPage").asInt())
                .as(capped.describe())
                .isLessThanOrEqualTo(Integer.parseInt(maxResults));
    }

    @Test
    void O13_discoveryEndpointsAnswerAndRefusePostWith405() {
        ScimResponse spc = scim.get("/ServiceProviderConfig").expectStatus(200);
        assertThat(spc.node("patch.supported").isBoolean()).isTrue();
        assertThat(spc.node("filter.maxResults").isInt()).isTrue();
        spc.assertText("authenticationSchemes[0].type").isNotBlank();
        ScimResponse types = scim.get("/ResourceTypes").expectStatus(200);
        types.assertTexts("Resources", "endpoint").contains("/Users", "/Groups");
        ScimResponse schemas = scim.get("/Schemas").expectStatus(200);
        schemas.assertTexts("Resources", "id").contains(Bodies.USER_URN, Bodies.GROUP_URN, ENTERPRISE_URN);
        ScimResponse user = scim.get("/Schemas/" + Bodies.USER_URN).expectStatus(200);
        user.assertText("description").isEqualTo("User Account");
        user.assertTexts("attributes", "name")
                .contains("userName", "name", "emails", "active", "externalId")
                .doesNotContain("password");
        for (String endpoint : List.of("/ServiceProviderConfig", "/ResourceTypes", "/Schemas")) {
            scim.post(endpoint, "{}").expectScimError(405, null);
        }
    }

    @Test
    void O14_putWithoutActiveKeepsTheCurrentValue() {
        String userName = Bodies.uniqueUserName("o14");
        String id = scim.createUser(userName);
        ObjectNode withoutActive = Bodies.user(userName);
        withoutActive.remove("active");
        scim.put("/Users/" + id, withoutActive)
                .expectStatus(200)
                .assertText("active")
                .isEqualTo("true");
        patchUser(id, "{\"op\":\"replace\",\"value\":{\"active\":false}}");
        scim.put("/Users/" + id, withoutActive)
                .expectStatus(200)
                .assertText("active")
                .isEqualTo("false");
    }

    /**
     * O15 has two parts. Okta's spec test (#10) asserts GET /Groups answers within 600 ms, so that one check stays
     * here, as Okta runs it. Throughput (Entra's gallery asks for 25 requests/s; our budget is far higher) is a
     * measurement, not a pass/fail unit test: it lives in the benchmark harness and docs/benchmarks.md.
     */
    @Test
    void O15_groupsListAnswersWithinOktasSpecTestLimit() {
        scim.get("/Groups?count=1").expectStatus(200); // warm-up: the first request pays for class loading
        long start = System.nanoTime();
        ScimResponse groups =
                raw().send("GET", "/Groups", null, "Authorization", bearer(), "Accept", "application/scim+json");
        long groupsMillis = (System.nanoTime() - start) / 1_000_000;
        groups.expectStatus(200);
        assertThat(groupsMillis)
                .as("GET /Groups took %d ms (Okta spec test #10 allows 600)", groupsMillis)
                .isLessThan(600);
    }
}
