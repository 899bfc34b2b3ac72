package dev.kiroscim.it;

import org.junit.jupiter.api.Test;

/** What was written survives a restart on the same data dir / database (and migrations re-run cleanly). */
abstract class DurabilityContract {

    protected abstract Backend backend();

    @Test
    void usersGroupsAndMembershipsSurviveARestart() {
        try (KiroServer server = KiroServer.start(backend())) {
            ScimClient scim = ScimClient.bearer(server);
            String userName = Bodies.uniqueUserName("Durable.User");
            String userId = scim.createUser(userName);
            String groupName = "Durable " + Bodies.unique();
            String groupId = scim.createGroup(groupName, userId);

            server.restart();

            ScimClient after = ScimClient.bearer(server);
            after.get("/Users/" + userId)
                    .expectStatus(200)
                    .assertText("userName")
                    .isEqualTo(userName);
            ScimResponse group = after.get("/Groups/" + groupId).expectStatus(200);
            group.assertText("displayName").isEqualTo(groupName);
            group.assertTexts("members", "value").containsExactly(userId);
            after.get("/Users", "filter", "userName eq \"" + userName + "\"")
                    .expectStatus(200)
                    .assertText("totalResults")
                    .isEqualTo("1");
            after.post("/Users", Bodies.user(userName)).expectScimError(409, "uniqueness");
            server.restart(); // a second start on an already-migrated store
            ScimClient.bearer(server).get("/Users/" + userId).expectStatus(200);
            new ScimClient(server.baseUri(), null).get("/readyz").expectStatus(200);
        }
    }
}
