package dev.kiroscim.it;

import static dev.kiroscim.it.Bodies.ENTERPRISE_URN;
import static dev.kiroscim.it.Bodies.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Microsoft Entra SCIM Validator (https://scimvalidator.microsoft.com/, docs/idp-quirks.md, "Entra"), one test per scenario:
 * the 24 mandatory ones ({@code validator01…24}) and the 7 preview ones ({@code validatorP1…P7}). The validator runs
 * only from Microsoft's cloud, so these replay what its published run reports show it sending, with
 * {@code userName} as the users' joining property and {@code displayName} as the groups'.
 */
abstract class ScimValidatorContract extends ScimContract {

    private static final String MANAGER_PATH = ENTERPRISE_URN + ":manager";
    private static final Pattern FILTERED = Pattern.compile("(\\w+)\\[(\\w+) eq \"([^\"]*)\"]\\.(\\w+)");

    /** The validator's rich create body: every core attribute, the enterprise extension with a manager, string booleans. */
    private ObjectNode richUser(String userName, String managerId) {
        return (ObjectNode)
                Json.parse("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE_URN + "\"],"
                        + "\"userName\":" + str(userName)
                        + ",\"active\":true,\"displayName\":\"Ewa Nowak\",\"title\":\"Engineer\","
                        + "\"nickName\":\"Ewka\",\"preferredLanguage\":\"pl-PL\",\"locale\":\"pl-PL\",\"timezone\":\"Europe/Warsaw\","
                        + "\"profileUrl\":\"https://example.com/ewa\",\"userType\":\"Employee\",\"externalId\":\"ext-"
                        + Bodies.unique() + "\","
                        + "\"name\":{\"givenName\":\"Ewa\",\"familyName\":\"Nowak\",\"formatted\":\"Ewa Nowak\",\"middleName\":\"M\","
                        + "\"honorificPrefix\":\"Dr\",\"honorificSuffix\":\"PhD\"},"
                        + "\"emails\":[{\"type\":\"work\",\"value\":" + str(userName) + ",\"primary\":true}],"
                        + "\"phoneNumbers\":[{\"type\":\"work\",\"value\":\"+48 22 000 00 00\",\"primary\":true},{\"type\":\"mobile\",\"value\":\"+48 600 000 000\"}],"
                        + "\"addresses\":[{\"type\":\"work\",\"streetAddress\":\"Marszalkowska 1\",\"locality\":\"Warszawa\",\"region\":\"MZ\","
                        + "\"postalCode\":\"00-001\",\"country\":\"PL\",\"formatted\":\"Marszalkowska 1, Warszawa\",\"primary\":true}],"
                        + "\"roles\":[{\"primary\":\"True\",\"display\":\"Admin\",\"value\":\"admin\",\"type\":\"WindowsAzureActiveDirectoryRole\"}],"
                        + "\"" + ENTERPRISE_URN
                        + "\":{\"employeeNumber\":\"701\",\"department\":\"R&D\",\"costCenter\":\"CC1\","
                        + "\"organization\":\"Contoso\",\"division\":\"Cloud\",\"manager\":{\"value\":" + str(managerId)
                        + "}}}");
    }

    private String newUser() {
        return scim.createUser(Bodies.uniqueUserName("validator"));
    }

    private ScimResponse byUserName(String userName) {
        return scim.get("/Users", "filter", "userName eq \"" + userName + "\"").expectStatus(200);
    }

    private ScimResponse byDisplayName(String displayName, String... more) {
        List<String> query = new ArrayList<>(List.of(more));
        query.addAll(List.of("filter", "displayName eq \"" + displayName + "\""));
        return scim.get("/Groups", query.toArray(String[]::new)).expectStatus(200);
    }

    private ScimResponse patchUser(String id, String... operations) {
        ScimResponse patched = scim.patch("/Users/" + id, Bodies.patch(operations));
        assertThat(patched.status()).as(patched.describe()).isIn(200, 204);
        return scim.get("/Users/" + id).expectStatus(200);
    }

    private ScimResponse patchGroup(String id, String... operations) {
        ScimResponse patched = scim.patch("/Groups/" + id, Bodies.patch(operations));
        assertThat(patched.status()).as(patched.describe()).isIn(200, 204);
        return scim.get("/Groups/" + id).expectStatus(200);
    }

    /**
     * The value a SCIM path names in {@code resource}: {@code a}, {@code a.b}, {@code urn…:User:a},
     * {@code a[b eq "x"].c}; a missing node when absent.
     */
    static JsonNode valueAt(JsonNode resource, String path) {
        if (path.startsWith(ENTERPRISE_URN + ":")) {
            return resource.path(ENTERPRISE_URN).path(path.substring(ENTERPRISE_URN.length() + 1));
        }
        Matcher filtered = FILTERED.matcher(path);
        if (filtered.matches()) {
            for (JsonNode element : resource.path(filtered.group(1))) {
                if (element.path(filtered.group(2)).asText().equalsIgnoreCase(filtered.group(3))) {
                    return element.path(filtered.group(4));
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        JsonNode node = resource;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    private static void assertValues(ScimResponse read, Map<String, String> expected) {
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertThat(valueAt(read.json(), entry.getKey()).asText(null))
                    .as("%s\n%s", entry.getKey(), read.describe())
                    .isEqualTo(entry.getValue());
        }
    }

    private String managerOf(String id) {
        return scim.get("/Users/" + id)
                .expectStatus(200)
                .json()
                .path(ENTERPRISE_URN)
                .path("manager")
                .path("value")
                .asText("");
    }

    // ------------------------------------------------------------------------------------------------- mandatory

    @Test
    void validator01_createNewUser() {
        String manager = newUser();
        String userName = Bodies.uniqueUserName("v01");
        ObjectNode sent = richUser(userName, manager);
        scim.post("/Users", sent).expectStatus(201);
        JsonNode fetched = byUserName(userName).node("Resources[0]");
        List<String> paths = List.of(
                "userName",
                "displayName",
                "title",
                "nickName",
                "preferredLanguage",
                "locale",
                "timezone",
                "profileUrl",
                "userType",
                "externalId",
                "name.givenName",
                "name.familyName",
                "name.formatted",
                "name.middleName",
                "name.honorificPrefix",
                "name.honorificSuffix",
                "emails[type eq \"work\"].value",
                "phoneNumbers[type eq \"work\"].value",
                "phoneNumbers[type eq \"mobile\"].value",
                "addresses[type eq \"work\"].streetAddress",
                "addresses[type eq \"work\"].locality",
                "addresses[type eq \"work\"].region",
                "addresses[type eq \"work\"].postalCode",
                "addresses[type eq \"work\"].country",
                "addresses[type eq \"work\"].formatted",
                "roles[type eq \"WindowsAzureActiveDirectoryRole\"].value",
                "roles[type eq \"WindowsAzureActiveDirectoryRole\"].display",
                ENTERPRISE_URN + ":employeeNumber",
                ENTERPRISE_URN + ":department",
                ENTERPRISE_URN + ":costCenter",
                ENTERPRISE_URN + ":organization",
                ENTERPRISE_URN + ":division");
        for (String path : paths) {
            assertThat(valueAt(fetched, path).asText(null))
                    .as("%s in %s", path, fetched)
                    .isEqualTo(valueAt(sent, path).asText());
        }
        assertThat(fetched.path("roles").get(0).path("primary").asBoolean()).isTrue();
        assertThat(fetched.path("active").asBoolean()).isTrue();
        assertThat(valueAt(fetched, MANAGER_PATH).path("value").asText()).isEqualTo(manager);
    }

    @Test
    void validator02_createDuplicateUser() {
        String userName = Bodies.uniqueUserName("v02");
        scim.post("/Users", richUser(userName, newUser())).expectStatus(201);
        scim.post("/Users", richUser(userName, newUser())).expectScimError(409, "uniqueness");
    }

    @Test
    void validator03_filterForAnExistingUser() {
        String userName = Bodies.uniqueUserName("v03");
        String id = scim.createUser(userName);
        ScimResponse found = byUserName(userName);
        assertThat(found.texts("schemas")).containsExactly(ScimResponse.LIST_URN);
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(id);
        found.assertText("Resources[0].userName").isEqualTo(userName);
        found.assertText("Resources[0].schemas").contains(Bodies.USER_URN);
    }

    @Test
    void validator04_filterForANonExistingUser() {
        ScimResponse none = byUserName("nobody-" + Bodies.unique() + "@example.com");
        none.assertText("totalResults").isEqualTo("0");
        assertThat(none.node("Resources").isArray() && none.node("Resources").isEmpty())
                .as(none.describe())
                .isTrue();
    }

    @Test
    void validator05_filterForAnExistingUserWithADifferentCase() {
        String userName = "V05-" + Bodies.unique() + "@Example.com";
        String id = scim.createUser(userName);
        ScimResponse found = byUserName(userName.toLowerCase());
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(id);
    }

    @Test
    void validator06_patchUserReplaceAttributesVerbose() {
        String id = scim.createUser(richUser(Bodies.uniqueUserName("v06"), newUser()));
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("displayName", "Jan Kowalski");
        values.put("title", "Manager");
        values.put("nickName", "Janek");
        values.put("preferredLanguage", "en-GB");
        values.put("locale", "en-GB");
        values.put("timezone", "Europe/London");
        values.put("profileUrl", "https://example.com/jan");
        values.put("userType", "Contractor");
        values.put("externalId", "ext-v06-" + Bodies.unique());
        values.put("name.givenName", "Jan");
        values.put("name.familyName", "Kowalski");
        values.put("name.formatted", "Jan Kowalski");
        values.put("name.middleName", "J");
        values.put("name.honorificPrefix", "Mr");
        values.put("name.honorificSuffix", "MSc");
        values.put("emails[type eq \"work\"].value", "jan-" + Bodies.unique() + "@example.com");
        values.put("phoneNumbers[type eq \"work\"].value", "+44 20 0000 0000");
        values.put("phoneNumbers[type eq \"mobile\"].value", "+44 7000 000000");
        values.put("phoneNumbers[type eq \"fax\"].value", "+44 20 0000 0001");
        values.put("addresses[type eq \"work\"].streetAddress", "1 Strand");
        values.put("addresses[type eq \"work\"].locality", "London");
        values.put("addresses[type eq \"work\"].region", "LDN");
        values.put("addresses[type eq \"work\"].postalCode", "WC2N 5HR");
        values.put("addresses[type eq \"work\"].country", "GB");
        values.put("addresses[type eq \"work\"].formatted", "1 Strand, London");
        values.put("roles[primary eq \"True\"].display", "Reader");
        values.put("roles[primary eq \"True\"].value", "reader");
        values.put("roles[primary eq \"True\"].type", "AppRole");
        values.put(ENTERPRISE_URN + ":employeeNumber", "702");
        values.put(ENTERPRISE_URN + ":department", "Finance");
        values.put(ENTERPRISE_URN + ":costCenter", "CC2");
        values.put(ENTERPRISE_URN + ":organization", "Fabrikam");
        values.put(ENTERPRISE_URN + ":division", "Retail");
        List<String> operations = new ArrayList<>();
        values.forEach((path, value) ->
                operations.add("{\"op\":\"replace\",\"path\":" + str(path) + ",\"value\":" + str(value) + "}"));
        operations.add("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].primary\",\"value\":true}");
        operations.add("{\"op\":\"replace\",\"path\":\"addresses[type eq \\\"work\\\"].primary\",\"value\":true}");
        operations.add("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}");
        assertThat(operations).hasSizeGreaterThanOrEqualTo(36);
        ScimResponse read = patchUser(id, operations.toArray(String[]::new));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        values.forEach((path, value) ->
                expected.put(path.replace("roles[primary eq \"True\"]", "roles[primary eq \"true\"]"), value));
        assertValues(read, expected);
        read.assertTexts("emails", "value").hasSize(1);
    }

    @Test
    void validator07_updateUserUserName() {
        String id = newUser();
        String renamed = Bodies.uniqueUserName("v07-renamed");
        patchUser(id, "{\"op\":\"replace\",\"value\":{\"userName\":" + str(renamed) + "}}")
                .assertText("userName")
                .isEqualTo(renamed);
        byUserName(renamed).assertText("Resources[0].id").isEqualTo(id);
    }

    @Test
    void validator08_patchUserDisableUser() {
        String userName = Bodies.uniqueUserName("v08");
        String id = scim.createUser(userName);
        patchUser(id, "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")
                .assertText("active")
                .isEqualTo("false");
        byUserName(userName).assertText("Resources[0].active").isEqualTo("false");
    }

    @Test
    void validator09_patchUserAddManager() {
        String id = newUser();
        String manager = newUser();
        patchUser(id, "{\"op\":\"add\",\"path\":\"" + MANAGER_PATH + "\",\"value\":" + str(manager) + "}");
        assertThat(managerOf(id)).isEqualTo(manager);
    }

    @Test
    void validator10_patchUserReplaceManager() {
        String id = scim.createUser(richUser(Bodies.uniqueUserName("v10"), newUser()));
        String manager = newUser();
        patchUser(
                id,
                "{\"op\":\"replace\",\"path\":\"" + MANAGER_PATH + "\",\"value\":{\"value\":" + str(manager) + "}}");
        assertThat(managerOf(id)).isEqualTo(manager);
    }

    @Test
    void validator11_patchUserRemoveManager() {
        String id = scim.createUser(richUser(Bodies.uniqueUserName("v11"), newUser()));
        patchUser(id, "{\"op\":\"replace\",\"path\":\"" + MANAGER_PATH + "\",\"value\":{\"value\":\"\"}}");
        assertThat(managerOf(id)).isEmpty();
    }

    @Test
    void validator12_deleteAUser() {
        String id = newUser();
        scim.delete("/Users/" + id).expectStatus(204);
        scim.get("/Users/" + id).expectScimError(404, null);
    }

    @Test
    void validator13_getGroupByIdExcludingMembers() {
        String group = scim.createGroup("v13-" + Bodies.unique(), newUser());
        ScimResponse read =
                scim.get("/Groups/" + group, "excludedAttributes", "members").expectStatus(200);
        assertThat(read.json().has("members")).as(read.describe()).isFalse();
        read.assertText("id").isEqualTo(group);
    }

    @Test
    void validator14_filterForExistingGroupExcludingMembers() {
        String name = "v14-" + Bodies.unique();
        scim.createGroup(name, newUser());
        ScimResponse found = byDisplayName(name, "excludedAttributes", "members");
        found.assertText("totalResults").isEqualTo("1");
        assertThat(found.node("Resources[0]").has("members"))
                .as(found.describe())
                .isFalse();
    }

    @Test
    void validator15_filterForAnExistingGroup() {
        String name = "v15-" + Bodies.unique();
        String id = scim.createGroup(name);
        byDisplayName(name).assertText("Resources[0].id").isEqualTo(id);
    }

    @Test
    void validator16_filterForANonExistingGroup() {
        ScimResponse none = byDisplayName("v16-" + Bodies.unique());
        none.assertText("totalResults").isEqualTo("0");
        assertThat(none.node("Resources").isArray()).isTrue();
    }

    @Test
    void validator17_filterForAnExistingGroupWithADifferentCase() {
        String name = "V17-Group-" + Bodies.unique();
        String id = scim.createGroup(name);
        ScimResponse found = byDisplayName(name.toLowerCase());
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(id);
    }

    @Test
    void validator18_createANewGroup() {
        String name = "v18-" + Bodies.unique();
        ScimResponse created = scim.post("/Groups", Bodies.group(name).put("externalId", "v18"))
                .expectStatus(201);
        created.assertText("displayName").isEqualTo(name);
        created.assertText("id").isNotBlank();
    }

    @Test
    void validator19_createADuplicateGroup() {
        String name = "v19-" + Bodies.unique();
        scim.createGroup(name);
        scim.post("/Groups", Bodies.group(name)).expectScimError(409, "uniqueness");
    }

    @Test
    void validator20_patchGroupReplaceAttributes() {
        String id = scim.createGroup("v20-" + Bodies.unique());
        patchGroup(id, "{\"op\":\"replace\",\"value\":{\"externalId\":\"v20-ext\"}}")
                .assertText("externalId")
                .isEqualTo("v20-ext");
    }

    @Test
    void validator21_updateGroupDisplayName() {
        String id = scim.createGroup("v21-" + Bodies.unique());
        String renamed = "v21-renamed-" + Bodies.unique();
        patchGroup(id, "{\"op\":\"replace\",\"value\":{\"displayName\":" + str(renamed) + "}}")
                .assertText("displayName")
                .isEqualTo(renamed);
    }

    @Test
    void validator22_patchGroupAddMember() {
        String id = scim.createGroup("v22-" + Bodies.unique());
        String user = newUser();
        patchGroup(id, "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":" + str(user) + "}]}")
                .assertTexts("members", "value")
                .containsExactly(user);
    }

    @Test
    void validator23_patchGroupRemoveMember() {
        String user = newUser();
        String id = scim.createGroup("v23-" + Bodies.unique(), user);
        ScimResponse read = patchGroup(id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}");
        assertThat(read.texts("members", "value")).isEmpty();
    }

    @Test
    void validator24_deleteAGroup() {
        String id = scim.createGroup("v24-" + Bodies.unique());
        scim.delete("/Groups/" + id).expectStatus(204);
        scim.get("/Groups/" + id).expectScimError(404, null);
    }

    // --------------------------------------------------------------------------------------------------- preview

    @Test
    void validatorP1_patchUserMultipleOpsOnDifferentAttributes() {
        String id = scim.createUser(richUser(Bodies.uniqueUserName("vp1"), newUser()));
        ScimResponse read = patchUser(
                id,
                "{\"op\":\"remove\",\"path\":\"preferredLanguage\"}",
                "{\"op\":\"add\",\"path\":\"title\",\"value\":\"Architect\"}",
                "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Iga\"}",
                "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE_URN + ":department\",\"value\":\"Ops\"}");
        read.assertText("preferredLanguage").isNull();
        read.assertText("title").isEqualTo("Architect");
        read.assertText("name.givenName").isEqualTo("Iga");
        assertThat(read.json().path(ENTERPRISE_URN).path("department").asText()).isEqualTo("Ops");
    }

    @Test
    void validatorP2_patchUserMultipleOpsOnSameAttribute() {
        String id = scim.createUser(richUser(Bodies.uniqueUserName("vp2"), newUser()));
        ScimResponse read = patchUser(
                id,
                "{\"op\":\"remove\",\"path\":\"nickName\"}",
                "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"First\"}",
                "{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"Final\"}");
        read.assertText("nickName").isEqualTo("Final");
    }

    @Test
    void validatorP3_deleteNonExistentUser() {
        scim.delete("/Users/" + java.util.UUID.randomUUID()).expectScimError(404, null);
    }

    @Test
    void validatorP4_deleteTheSameUserTwice() {
        String id = scim.post("/Users", Bodies.user(Bodies.uniqueUserName("vp4")))
                .expectStatus(201)
                .id();
        scim.delete("/Users/" + id).expectStatus(204);
        scim.delete("/Users/" + id).expectScimError(404, null);
    }

    @Test
    void validatorP5_patchGroupMultipleOpsOnSameAttribute() {
        String id = scim.createGroup("vp5-" + Bodies.unique());
        String user = newUser();
        ScimResponse read = patchGroup(
                id,
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":" + str(user) + "}]}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}");
        assertThat(read.texts("members", "value")).isEmpty();
    }

    @Test
    void validatorP6_deleteNonExistentGroup() {
        scim.delete("/Groups/" + java.util.UUID.randomUUID()).expectScimError(404, null);
    }

    @Test
    void validatorP7_deleteTheSameGroupTwice() {
        String id = scim.post("/Groups", Bodies.group("vp7-" + Bodies.unique()))
                .expectStatus(201)
                .id();
        scim.delete("/Groups/" + id).expectStatus(204);
        scim.delete("/Groups/" + id).expectScimError(404, null);
    }
}
