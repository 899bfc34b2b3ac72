package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the edge (issue 10): lengths over the column sizes, control characters, oversized URIs and headers,
 * case-insensitive endpoint names, and the protocol defects found from outside (groups.display filters, PATCH
 * without value, what /Schemas declares). Identical answers on H2 and PostgreSQL.
 */
abstract class EdgeInputContract extends ScimContract {

    private final String tag = "edge" + Bodies.unique();

    static Stream<Arguments> oversizedUserValues() {
        return Stream.of(
                Arguments.of("userName", 512),
                Arguments.of("displayName", 1024),
                Arguments.of("externalId", 512),
                Arguments.of("title", 1024));
    }

    @ParameterizedTest(name = "User {0} over {1} characters")
    @MethodSource("oversizedUserValues")
    void oversizedUserValueIs400NamingAttributeAndLimit(String attribute, int limit) {
        ObjectNode body = Bodies.user(tag + "-" + attribute + "@example.com");
        body.put(attribute, "x".repeat(100_000));
        scim.post("/Users", body)
                .expectScimError(400, "invalidValue")
                .assertText("detail")
                .contains(attribute)
                .contains("at most " + limit);
        assertThat(scim.get("/Users", "filter", "userName sw \"" + tag + "-" + attribute + "\"")
                        .text("totalResults"))
                .as("nothing created")
                .isEqualTo("0");
    }

    @Test
    void oversizedGroupDisplayNameIs400() {
        scim.post("/Groups", Bodies.group("g".repeat(5_000)))
                .expectScimError(400, "invalidValue")
                .assertText("detail")
                .contains("displayName")
                .contains("at most 1024");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NUL in userName        | /Users  | {\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\\u0000b@x\"}",
                "NUL in a group name    | /Groups | {\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"g\\u0000\"}",
                "escape in a title      | /Users  | {\"userName\":\"esc@x\",\"title\":\"\\u001b[31m\"}",
                "lone surrogate         | /Users  | {\"userName\":\"\\ud800@x\"}",
                "NUL in a member id     | /Groups | {\"displayName\":\"gm\",\"members\":[{\"value\":\"\\u0000\"}]}"
            })
    void controlCharactersInBodiesAre400(String label, String path, String body) {
        scim.post(path, body)
                .expectScimError(400, "invalidValue")
                .assertText("detail")
                .containsAnyOf("control character", "surrogate");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /Users/%00", "GET, /Groups/%00", "PUT, /Users/%00", "DELETE, /Groups/%00", "PATCH, /Users/a%00b"})
    void nulInThePathIsAScimErrorNeverA500(String method, String path) {
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{\"userName\":\"x\"}";
        ScimResponse response = RawHttp.to(server)
                .send(
                        method,
                        path,
                        body,
                        "Authorization",
                        "Bearer " + server.token(),
                        "Content-Type",
                        "application/scim+json");
        response.expectScimError(400, "invalidValue").assertText("detail").contains("U+0000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"userName eq \"a\\u0000\"", "displayName co \"\\u0000\"", "emails[value eq \"\\u0000\"]"})
    void nulInFiltersIsInvalidFilter(String filter) {
        scim.get("/Users", "filter", filter).expectScimError(400, "invalidFilter");
        scim.post(
                        "/Users/.search",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":"
                                + Json.MAPPER.valueToTree(filter) + "}")
                .expectScimError(400, "invalidFilter");
    }

    @Test
    void nulDecodedFromTheQueryIsInvalidFilter() {
        RawHttp.to(server)
                .send(
                        "GET",
                        "/Users?filter=userName%20eq%20%22%00%22",
                        null,
                        "Authorization",
                        "Bearer " + server.token())
                .expectScimError(400, "invalidFilter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/scim/v2/Users/%zz", "/scim/v2/Users?%", "/scim/v2/Groups?filter=%"})
    void malformedPercentEncodingIs400WithScimBody(String target) throws java.io.IOException {
        // java.net.URI (and so every ordinary client) refuses such a target: write it on a socket.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + server.token()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String response =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response)
                    .startsWith("HTTP/1.1 400 ")
                    .containsIgnoringCase("Content-Type: application/scim+json")
                    .contains("\"status\":\"400\"")
                    .contains("urn:ietf:params:scim:api:messages:2.0:Error")
                    .contains("not a valid URI");
        }
    }

    @Test
    void oversizedUriIs414WithScimBody() {
        scim.get("/Users", "filter", "userName eq \"" + "a".repeat(9_000) + "\"")
                .expectScimError(414, null);
        scim.get("/Users", "filter", "userName eq \"" + "a".repeat(70_000) + "\"")
                .expectScimError(414, null);
    }

    @Test
    void oversizedHeadersAre431WithScimBody() {
        scim.send(scim.request().header("X-Padding", "p".repeat(20_000)), "GET", "/Users", null)
                .expectScimError(431, null);
        scim.send(scim.request().header("X-Padding", "p".repeat(70_000)), "GET", "/Users", null)
                .expectScimError(431, null);
    }

    @Test
    void tooManyEmailsIs400() {
        ObjectNode body = Bodies.user(tag + "-many@example.com");
        var emails = body.putArray("emails");
        for (int i = 0; i < 101; i++) {
            emails.addObject().put("value", "e" + i + "@example.com");
        }
        scim.post("/Users", body)
                .expectScimError(400, "invalidValue")
                .assertText("detail")
                .contains("emails has 101 values; at most 100");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/users, ListResponse",
        "/USERS, ListResponse",
        "/GROUPS, ListResponse",
        "/groups, ListResponse",
        "/serviceproviderconfig, ServiceProviderConfig",
        "/SCHEMAS, ListResponse",
        "/resourcetypes, ListResponse",
        "/ResourceTypes/User, ResourceType"
    })
    void endpointNamesMatchInAnyCase(String path, String schemaSuffix) {
        assertThat(scim.get(path).expectStatus(200).texts("schemas").get(0)).endsWith(schemaSuffix);
    }

    @Test
    void searchEndpointMatchesInAnyCase() {
        String id = scim.createUser(tag + "-search@example.com");
        ScimResponse found = scim.post(
                        "/users/.SEARCH",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                                + "\"filter\":\"userName eq \\\"" + tag + "-search@example.com\\\"\"}")
                .expectStatus(200);
        assertThat(found.texts("Resources", "id")).containsExactly(id);
        scim.get("/USERS/" + id).expectStatus(200).assertText("id").isEqualTo(id);
    }

    // --- protocol defects found from outside ---------------------------------------------------------------------

    @Test
    void groupsDisplayFiltersAreEvaluatedThroughMemberships() {
        String inX = scim.createUser(tag + "-gd-in@example.com");
        String inY = scim.createUser(tag + "-gd-other@example.com");
        String none = scim.createUser(tag + "-gd-none@example.com");
        String groupX = "Edge X " + tag;
        scim.createGroup(groupX, inX);
        scim.createGroup("Edge Y " + tag, inY);
        String scope = " and userName sw \"" + tag + "-gd-\"";

        assertThat(ids("groups.display eq \"" + groupX + "\"" + scope)).containsExactly(inX);
        assertThat(ids("groups.display eq \"" + groupX.toUpperCase() + "\"" + scope))
                .as("caseExact false")
                .containsExactly(inX);
        assertThat(ids("groups[display eq \"" + groupX + "\"]" + scope)).containsExactly(inX);
        assertThat(ids("groups.display co \"" + tag + "\"" + scope)).containsExactlyInAnyOrder(inX, inY);
        assertThat(ids("groups.display sw \"Edge Y\"" + scope)).containsExactly(inY);
        assertThat(ids("groups.display pr" + scope)).containsExactlyInAnyOrder(inX, inY);
        assertThat(ids("groups.display ne \"" + groupX + "\"" + scope)).containsExactlyInAnyOrder(inY, none);
        assertThat(ids("not (groups.display eq \"" + groupX + "\")" + scope)).containsExactlyInAnyOrder(inY, none);
        String xId = scim.get("/Groups", "filter", "displayName eq \"" + groupX + "\"")
                .texts("Resources", "id")
                .get(0);
        assertThat(ids("groups[value eq \"" + xId + "\" and display eq \"" + groupX + "\"]" + scope))
                .containsExactly(inX);
        assertThat(ids("groups[value eq \"" + xId + "\" and display eq \"Edge Y " + tag + "\"]" + scope))
                .as("both conditions on the same membership")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"groups.type eq \"direct\"", "groups.$ref co \"Groups\"", "groups[type eq \"direct\"]"})
    void unstoredUserGroupAttributesAreInvalidFilterNotEmpty(String filter) {
        scim.get("/Users", "filter", filter).expectScimError(400, "invalidFilter");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"members.display eq \"x\"", "members[type eq \"User\"]", "members.$ref pr"})
    void unstoredGroupMemberAttributesAreInvalidFilterNotEmpty(String filter) {
        scim.get("/Groups", "filter", filter).expectScimError(400, "invalidFilter");
    }

    @Test
    void sortingByGroupsDisplayIsRejectedNotA500() {
        scim.get("/Users", "sortBy", "groups.display").expectScimError(400, "invalidValue");
    }

    @ParameterizedTest(name = "{0} {1} without value")
    @CsvSource({
        "add, displayName",
        "replace, displayName",
        "Replace, title",
        "add, emails",
        "replace, name.givenName",
        "add, emails[type eq \"work\"].value"
    })
    void patchAddOrReplaceWithoutValueIs400AndChangesNothing(String op, String path) {
        ObjectNode body = Bodies.user(tag + "-nv-" + Bodies.unique() + "@example.com");
        body.put("title", "Engineer");
        String id = scim.createUser(body);
        JsonNode before = scim.get("/Users/" + id).json();
        scim.patch(
                        "/Users/" + id,
                        Bodies.patch("{\"op\":\"" + op + "\",\"path\":" + Json.MAPPER.valueToTree(path) + "}"))
                .expectScimError(400, "invalidValue")
                .assertText("detail")
                .contains("needs a \"value\"");
        assertThat(scim.get("/Users/" + id).json()).isEqualTo(before);
    }

    @Test
    void patchWithExplicitNullValueStillClears() {
        ObjectNode body = Bodies.user(tag + "-null@example.com");
        body.put("title", "Engineer");
        String id = scim.createUser(body);
        scim.patch("/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":null}"))
                .expectStatus(200);
        assertThat(scim.get("/Users/" + id).json().has("title")).isFalse();
    }

    @Test
    void schemasDeclareGroupDisplayNameUniqueAndReferenceTypes() {
        JsonNode group =
                scim.get("/Schemas/" + Bodies.GROUP_URN).expectStatus(200).json();
        assertThat(attribute(group, "displayName").path("uniqueness").asText()).isEqualTo("server");
        assertThat(texts(attribute(attribute(group, "members"), "$ref").path("referenceTypes")))
                .containsExactly("User");
        JsonNode user =
                scim.get("/Schemas/" + Bodies.USER_URN).expectStatus(200).json();
        assertThat(texts(attribute(attribute(user, "groups"), "$ref").path("referenceTypes")))
                .containsExactly("Group");
        JsonNode enterprise =
                scim.get("/Schemas/" + Bodies.ENTERPRISE_URN).expectStatus(200).json();
        assertThat(texts(attribute(attribute(enterprise, "manager"), "$ref").path("referenceTypes")))
                .containsExactly("User");
    }

    private java.util.List<String> ids(String filter) {
        return scim.get("/Users", "filter", filter, "count", "100")
                .expectStatus(200)
                .texts("Resources", "id");
    }

    static JsonNode attribute(JsonNode schemaOrComplex, String name) {
        JsonNode list = schemaOrComplex.has("attributes")
                ? schemaOrComplex.path("attributes")
                : schemaOrComplex.path("subAttributes");
        for (JsonNode a : list) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no attribute " + name + " in "
                + schemaOrComplex.path("id").asText(schemaOrComplex.path("name").asText()));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
