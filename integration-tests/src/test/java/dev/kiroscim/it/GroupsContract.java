package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Groups and membership (RFC 7643 §4.2, RFC 7644 §3.5.2): membership is a relation of its own, adds are
 * idempotent, PUT applies the difference, {@code User.groups} is derived, and a bad member changes nothing.
 */
abstract class GroupsContract extends ScimContract {

    private String user() {
        return scim.createUser(Bodies.uniqueUserName("member"));
    }

    private static String groupName() {
        return "Group " + Bodies.unique();
    }

    private ScimResponse group(String id) {
        return scim.get("/Groups/" + id).expectStatus(200);
    }

    private void patchOk(String groupId, String... operations) {
        ScimResponse patched = scim.patch("/Groups/" + groupId, Bodies.patch(operations));
        assertThat(patched.status()).as("PATCH group\n%s", patched.describe()).isIn(200, 204);
    }

    @Test
    void postReturns201WithMembersAndLocation() {
        String u1 = user();
        String name = groupName();
        ScimResponse created =
                scim.post("/Groups", Bodies.group(name, u1)).expectStatus(201).expectScimContentType();
        String id = created.id();
        created.assertTexts("schemas", "").contains(Bodies.GROUP_URN);
        created.assertText("displayName").isEqualTo(name);
        created.assertTexts("members", "value").containsExactly(u1);
        created.assertText("meta.resourceType").isEqualTo("Group");
        created.assertText("meta.location").endsWith("/scim/v2/Groups/" + id);
        created.assertHeader("Location").isEqualTo(created.text("meta.location"));
        created.assertText("meta.version").isNotBlank();
        group(id).assertHeader("Location").isEqualTo(server.scimUri() + "/Groups/" + id);
    }

    @Test
    void duplicateDisplayNameGets409CaseInsensitively() {
        String name = groupName();
        scim.createGroup(name);
        scim.post("/Groups", Bodies.group(name.toUpperCase())).expectScimError(409, "uniqueness");
        scim.post("/Groups", Bodies.group(name)).expectScimError(409, "uniqueness");
    }

    @Test
    void putRenamesAndDeleteRemoves() {
        String id = scim.createGroup(groupName());
        String renamed = groupName();
        scim.put("/Groups/" + id, Bodies.group(renamed))
                .expectStatus(200)
                .assertText("displayName")
                .isEqualTo(renamed);
        group(id).assertText("displayName").isEqualTo(renamed);
        scim.delete("/Groups/" + id).expectStatus(204);
        scim.get("/Groups/" + id).expectScimError(404, null);
        scim.delete("/Groups/" + id).expectScimError(404, null);
    }

    @Test
    void pathlessRenameWithOktaIdIsAccepted() {
        String id = scim.createGroup(groupName());
        String renamed = groupName();
        patchOk(id, "{\"op\":\"replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"" + renamed + "\"}}");
        group(id).assertText("displayName").isEqualTo(renamed);
    }

    @Test
    void addingAnExistingMemberIsANoOp() {
        String u1 = user();
        String id = scim.createGroup(groupName(), u1);
        patchOk(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}");
        patchOk(
                id,
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"},{\"value\":\"" + u1
                        + "\"}]}");
        group(id).assertTexts("members", "value").containsExactly(u1);
    }

    @Test
    void putWithFullMemberListAppliesTheDifference() {
        String u1 = user();
        String u2 = user();
        String u3 = user();
        String name = groupName();
        String id = scim.createGroup(name, u1, u2);
        scim.put("/Groups/" + id, Bodies.group(name, u2, u3))
                .expectStatus(200)
                .assertTexts("members", "value")
                .containsExactlyInAnyOrder(u2, u3);
        group(id).assertTexts("members", "value").containsExactlyInAnyOrder(u2, u3);
        scim.get("/Users/" + u1)
                .expectStatus(200)
                .assertTexts("groups", "value")
                .doesNotContain(id);
        scim.get("/Users/" + u3)
                .expectStatus(200)
                .assertTexts("groups", "value")
                .contains(id);
        scim.put("/Groups/" + id, Bodies.group(name)).expectStatus(200);
        assertThat(group(id).texts("members", "value"))
                .as("PUT with members [] empties the group")
                .isEmpty();
    }

    @Test
    void userGroupsIsDerivedFromMemberships() {
        String u1 = user();
        String name = groupName();
        String id = scim.createGroup(name);
        patchOk(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}");
        ScimResponse user = scim.get("/Users/" + u1).expectStatus(200);
        user.assertTexts("groups", "value").containsExactly(id);
        user.assertTexts("groups", "display").containsExactly(name);

        patchOk(id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}");
        assertThat(scim.get("/Users/" + u1).expectStatus(200).texts("groups", "value"))
                .as("after removal")
                .isEmpty();

        patchOk(id, "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u1 + "\"}]}");
        scim.delete("/Groups/" + id).expectStatus(204);
        assertThat(scim.get("/Users/" + u1).expectStatus(200).texts("groups", "value"))
                .as("after group delete")
                .isEmpty();
    }

    @Test
    void removeByValuePathRemovesOnlyThatMember() {
        String u1 = user();
        String u2 = user();
        String id = scim.createGroup(groupName(), u1, u2);
        patchOk(id, "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}");
        group(id).assertTexts("members", "value").containsExactly(u2);
    }

    @Test
    void replaceMembersSetsTheList() {
        String u1 = user();
        String u2 = user();
        String id = scim.createGroup(groupName(), u1);
        patchOk(id, "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2 + "\"}]}");
        group(id).assertTexts("members", "value").containsExactly(u2);
    }

    @Test
    void memberThatIsNotAUserGets400AndChangesNothing() {
        String u1 = user();
        String u2 = user();
        String name = groupName();
        String id = scim.createGroup(name, u1);
        String before = group(id).text("meta.version");

        scim.patch(
                        "/Groups/" + id,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u2
                                + "\"},{\"value\":\"no-such-user\"}]}"))
                .expectScimError(400, null);
        ScimResponse afterPatch = group(id);
        afterPatch.assertTexts("members", "value").containsExactly(u1);
        afterPatch.assertText("meta.version").isEqualTo(before);

        scim.put("/Groups/" + id, Bodies.group(name, u2, "no-such-user")).expectScimError(400, null);
        group(id).assertTexts("members", "value").containsExactly(u1);

        String otherGroup = scim.createGroup(groupName());
        scim.put("/Groups/" + id, Bodies.group(name, otherGroup)).expectScimError(400, null);
        group(id).assertTexts("members", "value").containsExactly(u1);

        String newName = groupName();
        scim.post("/Groups", Bodies.group(newName, u1, "no-such-user")).expectScimError(400, null);
        scim.get("/Groups", "filter", "displayName eq \"" + newName + "\"")
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
    }

    @Test
    void removeFromEmptyGroupIsNotAServerError() {
        String u1 = user();
        String id = scim.createGroup(groupName());
        ScimResponse response = scim.patch(
                "/Groups/" + id, Bodies.patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u1 + "\\\"]\"}"));
        assertThat(response.status())
                .as("SCIMple M1 threw an NPE here\n%s", response.describe())
                .isIn(200, 204, 400);
        if (response.status() == 400) {
            response.expectScimError(400, "noTarget");
        }
        assertThat(group(id).texts("members", "value")).isEmpty();
    }

    @Test
    void deletingAUserRemovesItFromGroups() {
        String u1 = user();
        String u2 = user();
        String id = scim.createGroup(groupName(), u1, u2);
        scim.delete("/Users/" + u1).expectStatus(204);
        group(id).assertTexts("members", "value").containsExactly(u2);
    }

    @Test
    void groupExternalIdRoundTrips() {
        ObjectNode body = Bodies.group(groupName());
        body.put("externalId", "okta-" + Bodies.unique());
        String id = scim.post("/Groups", body).expectStatus(201).id();
        group(id).assertText("externalId").isEqualTo(body.get("externalId").asText());
    }
}
