package dev.kiroscim.it;

import static dev.kiroscim.it.Bodies.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Okta provisioning as Okta's client does it (docs/idp-quirks.md, "Okta"), for both integration flavours:
 * <ul>
 *   <li><b>wizard</b> (App Integration Wizard): PUT for everything, group membership as the full member list;</li>
 *   <li><b>catalogue</b> (OIN template): PATCH with a path-less value for (de)activation, PATCH for groups.</li>
 * </ul>
 * Every request carries the headers Okta's client sends and the bodies are the ones quoted in the document.
 */
abstract class OktaLifecycleContract extends ScimContract {

    private static final String USER_URN = Bodies.USER_URN;

    /** One request with Okta's headers (§1.1): scim+json in, scim+json out, utf-8, Okta's User-Agent. */
    private ScimResponse okta(String method, String pathAndQuery, String body) {
        return RawHttp.to(server)
                .send(
                        method,
                        pathAndQuery,
                        body,
                        "Authorization",
                        "Bearer " + server.token(),
                        "User-Agent",
                        "Okta SCIM Client 1.0.0",
                        "Accept",
                        "application/scim+json",
                        "Accept-Charset",
                        "utf-8",
                        "Content-Type",
                        "application/scim+json; charset=utf-8");
    }

    private static String byUserName(String userName) {
        return "/Users?filter=userName%20eq%20%22" + userName.replace("@", "%40") + "%22&startIndex=1&count=100";
    }

    private static String byDisplayName(String displayName) {
        return "/Groups?filter=displayName%20eq%20%22" + displayName.replace(" ", "%20") + "%22&startIndex=1&count=100";
    }

    /** §1.4: the existence check finds nothing, the create answers 201 with the whole user; §1.6: GET returns it. */
    private String assignUser(String userName, String oktaUserId) {
        ScimResponse existence = okta("GET", byUserName(userName), null).expectStatus(200);
        assertThat(existence.json())
                .as(existence.describe())
                .isEqualTo(Json.parse("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                        + "\"totalResults\":0,\"startIndex\":1,\"itemsPerPage\":0,\"Resources\":[]}"));
        String create = "{\"schemas\":[\"" + USER_URN + "\"],\"userName\":" + str(userName) + ","
                + "\"name\":{\"givenName\":\"Test\",\"familyName\":\"User\"},"
                + "\"emails\":[{\"primary\":true,\"value\":" + str(userName) + ",\"type\":\"work\"}],"
                + "\"displayName\":\"Test User\",\"locale\":\"en-US\",\"externalId\":" + str(oktaUserId) + ","
                + "\"groups\":[],\"password\":\"tmp-Random-1\",\"active\":true}";
        ScimResponse created = okta("POST", "/Users", create).expectStatus(201).expectScimContentType();
        created.assertText("id").isNotBlank();
        created.assertText("userName").isEqualTo(userName);
        created.assertText("externalId").isEqualTo(oktaUserId);
        assertThat(created.json().has("password"))
                .as("password is never returned\n%s", created.describe())
                .isFalse();
        String id = created.id();
        ScimResponse fetched = okta("GET", "/Users/" + id, null).expectStatus(200);
        fetched.assertText("name.givenName").isEqualTo("Test");
        okta("POST", "/Users", create).expectScimError(409, "uniqueness");
        okta("GET", byUserName(userName), null)
                .expectStatus(200)
                .assertText("Resources[0].id")
                .isEqualTo(id);
        return id;
    }

    /** §1.7: Okta GETs our representation, merges its change and PUTs the whole thing back, read-only parts included. */
    private void updateProfileByPut(String id, String userName) {
        ObjectNode ours =
                (ObjectNode) okta("GET", "/Users/" + id, null).expectStatus(200).json();
        ((ObjectNode) ours.get("name")).put("givenName", "Another").put("middleName", "Excited");
        ((ObjectNode) ours.withArray("emails").get(0)).put("display", userName);
        assertThat(ours.has("id") && ours.has("meta") && ours.has("groups"))
                .as("GET returns id, meta, groups: %s", ours)
                .isTrue();
        ScimResponse updated = okta("PUT", "/Users/" + id, ours.toString()).expectStatus(200);
        updated.assertText("id").isEqualTo(id);
        updated.assertText("name.givenName").isEqualTo("Another");
        updated.assertText("name.middleName").isEqualTo("Excited");
        updated.assertText("active").isEqualTo("true");
    }

    /** §1.9: a deactivated user stays visible to GET and to the userName filter, so reassignment finds it. */
    private void assertVisibleWithActive(String id, String userName, boolean active) {
        okta("GET", "/Users/" + id, null).expectStatus(200).assertText("active").isEqualTo(Boolean.toString(active));
        ScimResponse found = okta("GET", byUserName(userName), null).expectStatus(200);
        found.assertText("totalResults").isEqualTo("1");
        found.assertText("Resources[0].id").isEqualTo(id);
        found.assertText("Resources[0].active").isEqualTo(Boolean.toString(active));
    }

    @Test
    void wizardFlavourProvisionsUpdatesDeactivatesAndReactivatesByPut() {
        String userName = "test.user-" + Bodies.unique() + "@example.com";
        String id = assignUser(userName, "00u1abcd2EFGH3ijk4l5");
        updateProfileByPut(id, userName);

        for (boolean active : new boolean[] {false, true}) {
            ObjectNode ours = (ObjectNode)
                    okta("GET", "/Users/" + id, null).expectStatus(200).json();
            ours.put("active", active);
            okta("PUT", "/Users/" + id, ours.toString())
                    .expectStatus(200)
                    .assertText("active")
                    .isEqualTo(Boolean.toString(active));
            assertVisibleWithActive(id, userName, active);
        }
        okta("GET", "/Users/" + id, null)
                .expectStatus(200)
                .assertText("name.givenName")
                .isEqualTo("Another");
    }

    @Test
    void catalogueFlavourDeactivatesReactivatesAndSyncsPasswordByPathlessPatch() {
        String userName = "test.user-" + Bodies.unique() + "@example.com";
        String id = assignUser(userName, "00u1abcd2EFGH3ijk4l6");
        updateProfileByPut(id, userName);

        for (boolean active : new boolean[] {false, true}) {
            String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":" + active + "}}]}";
            okta("PATCH", "/Users/" + id, patch)
                    .expectStatus(200)
                    .assertText("active")
                    .isEqualTo(Boolean.toString(active));
            assertVisibleWithActive(id, userName, active);
        }
        String password = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"password\":\"n3w-Secret!\"}}]}";
        ScimResponse synced = okta("PATCH", "/Users/" + id, password).expectStatus(200);
        assertThat(synced.body()).doesNotContain("n3w-Secret!");
        synced.assertText("name.givenName").isEqualTo("Another");
    }

    @Test
    void importPagesWithCount100OverMoreThan100Users() {
        String prefix = "okta-import-" + Bodies.unique();
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 105; i++) {
            ours.add(okta(
                            "POST",
                            "/Users",
                            Bodies.user(prefix + "-" + i + "@example.com").toString())
                    .expectStatus(201)
                    .id());
        }
        okta("GET", "/Groups?startIndex=1&count=100", null).expectStatus(200);
        ScimResponse first = okta("GET", "/Users?startIndex=1&count=100", null).expectStatus(200);
        int total = first.node("totalResults").asInt();
        assertThat(first.node("totalResults").isInt()
                        && first.node("itemsPerPage").isInt()
                        && first.node("startIndex").isInt())
                .as("paging numbers are JSON integers\n%s", first.describe())
                .isTrue();
        assertThat(total).isGreaterThanOrEqualTo(105);
        first.assertText("itemsPerPage").isEqualTo("100");
        List<String> seen = new ArrayList<>(first.texts("Resources", "id"));
        for (int start = 101; start <= total; start += 100) {
            ScimResponse page = okta("GET", "/Users?startIndex=" + start + "&count=100", null)
                    .expectStatus(200);
            page.assertText("startIndex").isEqualTo(Integer.toString(start));
            page.assertText("totalResults").isEqualTo(Integer.toString(total));
            int expected = Math.min(100, total - start + 1);
            page.assertText("itemsPerPage").isEqualTo(Integer.toString(expected));
            assertThat(page.node("Resources").size()).isEqualTo(expected);
            seen.addAll(page.texts("Resources", "id"));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(total).containsAll(ours);
        ScimResponse past = okta("GET", "/Users?startIndex=" + (total + 1) + "&count=100", null)
                .expectStatus(200);
        past.assertText("itemsPerPage").isEqualTo("0");
        assertThat(past.body()).contains("\"Resources\":[]");
        // Stable order: the same window read again, with another page size, gives the same ids.
        List<String> again = new ArrayList<>();
        for (int start = 1; start <= 100; start += 50) {
            again.addAll(okta("GET", "/Users?startIndex=" + start + "&count=50", null)
                    .expectStatus(200)
                    .texts("Resources", "id"));
        }
        assertThat(again).containsExactlyElementsOf(seen.subList(0, 100));
    }

    private String member(String id, String userName) {
        return "{\"value\":" + str(id) + ",\"display\":" + str(userName) + "}";
    }

    /** §1.10: Push Groups creates the group with no members, finds it by displayName, reads it by id. */
    private String pushNewGroup(String displayName) {
        okta("GET", byDisplayName(displayName), null)
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
        ScimResponse created = okta(
                        "POST",
                        "/Groups",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":"
                                + str(displayName) + ",\"members\":[]}")
                .expectStatus(201);
        created.assertText("id").isNotBlank();
        created.assertText("displayName").isEqualTo(displayName);
        created.assertText("meta.resourceType").isEqualTo("Group");
        String id = created.id();
        okta("GET", byDisplayName(displayName), null)
                .expectStatus(200)
                .assertText("Resources[0].id")
                .isEqualTo(id);
        okta("GET", "/Groups/" + id, null)
                .expectStatus(200)
                .assertText("displayName")
                .isEqualTo(displayName);
        return id;
    }

    private List<String> memberIds(String groupId) {
        return okta("GET", "/Groups/" + groupId, null).expectStatus(200).texts("members", "value");
    }

    private void deleteGroup(String groupId) {
        okta("DELETE", "/Groups/" + groupId, null).expectStatus(204);
        okta("GET", "/Groups/" + groupId, null).expectScimError(404, null);
    }

    @Test
    void wizardFlavourGroupPushUsesPutWithTheFullMemberList() {
        String tag = Bodies.unique();
        String a = okta(
                        "POST",
                        "/Users",
                        Bodies.user("a-" + tag + "@example.com").toString())
                .expectStatus(201)
                .id();
        String b = okta(
                        "POST",
                        "/Users",
                        Bodies.user("b-" + tag + "@example.com").toString())
                .expectStatus(201)
                .id();
        String name = "Test SCIMv2 " + tag;
        String group = pushNewGroup(name);

        String put = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":" + str(name)
                + ",\"members\":[%s]}";
        okta(
                        "PUT",
                        "/Groups/" + group,
                        String.format(put, member(a, "a@example.com") + "," + member(b, "b@example.com")))
                .expectStatus(200);
        assertThat(memberIds(group)).containsExactlyInAnyOrder(a, b);
        // display may be null in AIW PUTs (jelhub/scimgateway#95); b left the group.
        okta("PUT", "/Groups/" + group, String.format(put, "{\"value\":" + str(a) + ",\"display\":null}"))
                .expectStatus(200);
        assertThat(memberIds(group)).containsExactly(a);
        String renamed = name + " renamed";
        okta("PUT", "/Groups/" + group, String.format(put.replace(str(name), str(renamed)), member(a, "a@example.com")))
                .expectStatus(200)
                .assertText("displayName")
                .isEqualTo(renamed);
        okta("PUT", "/Groups/" + group, String.format(put.replace(str(name), str(renamed)), ""))
                .expectStatus(200);
        assertThat(memberIds(group)).isEmpty();
        deleteGroup(group);
        okta("GET", "/Users/" + a, null).expectStatus(200);
    }

    @Test
    void catalogueFlavourGroupPushUsesPatch() {
        String tag = Bodies.unique();
        String a = okta(
                        "POST",
                        "/Users",
                        Bodies.user("a-" + tag + "@example.com").toString())
                .expectStatus(201)
                .id();
        String b = okta(
                        "POST",
                        "/Users",
                        Bodies.user("b-" + tag + "@example.com").toString())
                .expectStatus(201)
                .id();
        String name = "Test SCIMv2 " + tag;
        String group = pushNewGroup(name);
        String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

        okta(
                        "PATCH",
                        "/Groups/" + group,
                        String.format(
                                patch,
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[" + member(b, "b@example.com") + "]}"))
                .expectStatus(200);
        // Rename: sent before every membership push, with the read-only id inside the path-less value.
        String renamed = name + " renamed";
        okta(
                        "PATCH",
                        "/Groups/" + group,
                        String.format(
                                patch,
                                "{\"op\":\"replace\",\"value\":{\"id\":" + str(group) + ",\"displayName\":"
                                        + str(renamed) + "}}"))
                .expectStatus(200)
                .assertText("displayName")
                .isEqualTo(renamed);
        // Remove one and add another in one request.
        okta(
                        "PATCH",
                        "/Groups/" + group,
                        String.format(
                                patch,
                                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"},"
                                        + "{\"op\":\"add\",\"path\":\"members\",\"value\":["
                                        + member(a, "a@example.com") + "]}"))
                .expectStatus(200);
        assertThat(memberIds(group)).containsExactly(a);
        // Full push: replace all members.
        okta(
                        "PATCH",
                        "/Groups/" + group,
                        String.format(
                                patch,
                                "{\"op\":\"replace\",\"path\":\"members\",\"value\":[" + member(a, "a@example.com")
                                        + "," + member(b, "b@example.com") + "]}"))
                .expectStatus(200);
        assertThat(memberIds(group)).containsExactlyInAnyOrder(a, b);
        // AIW-style full PUT of the member list works on a catalogue app too (Okta can switch it to PUT).
        okta(
                        "PUT",
                        "/Groups/" + group,
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":" + str(renamed)
                                + ",\"members\":[" + member(b, "b@example.com") + "]}")
                .expectStatus(200);
        assertThat(memberIds(group)).containsExactly(b);
        deleteGroup(group);
    }
}
