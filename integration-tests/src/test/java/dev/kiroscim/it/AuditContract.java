package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit trail seen from outside: every mutating SCIM and admin path writes its event in the same transaction
 * (a rejected request writes none, a successful one exactly its events), queries filter and page, CSV exports.
 */
abstract class AuditContract extends ScimContract {

    private ScimResponse audit(String... query) {
        return scim.get(server.baseUri() + "/admin/v1/audit", query).expectStatus(200);
    }

    private List<String> typesFor(String... query) {
        List<String> types = new ArrayList<>();
        audit(query).json().path("events").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    @Test
    void eachScimChangeWritesItsEventsAndARejectedOneWritesNone() {
        String userName = Bodies.uniqueUserName("Audit.Alice");
        String userId = scim.createUser(userName);
        assertThat(typesFor("userId", userId)).containsExactly("scim.user.created");

        scim.patch("/Users/" + userId, Bodies.patch("{\"op\":\"frobnicate\",\"path\":\"title\",\"value\":\"x\"}"))
                .expectStatus(400);
        assertThat(typesFor("userId", userId))
                .as("a failing PATCH writes no event")
                .containsExactly("scim.user.created");

        scim.patch("/Users/" + userId, Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}"))
                .expectStatus(200);
        assertThat(typesFor("userId", userId)).containsExactly("scim.user.created", "scim.user.updated");
        JsonNode updated = audit("userId", userId, "type", "scim.user.updated")
                .json()
                .path("events")
                .get(0);
        assertThat(updated.path("details").path("title").path("after").asText()).isEqualTo("Lead");
        assertThat(updated.path("actor").asText()).isEqualTo("bootstrap");

        String groupName = "Audit-Group-" + Bodies.unique();
        String groupId = scim.createGroup(groupName, userId);
        scim.patch("/Users/" + userId, Bodies.patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .expectStatus(200);
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + userId + "\\\"]\"}"))
                .expectStatus(200);
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + groupName
                                + "-renamed\"}"))
                .expectStatus(200);
        scim.delete("/Users/" + userId).expectStatus(204);
        scim.delete("/Groups/" + groupId).expectStatus(204);

        assertThat(typesFor("userName", userName.toUpperCase()))
                .containsExactly(
                        "scim.user.created",
                        "scim.user.updated",
                        "scim.membership.added",
                        "scim.user.deactivated",
                        "scim.membership.removed",
                        "scim.user.deleted");
        assertThat(typesFor("group", groupId))
                .containsExactly(
                        "scim.group.created",
                        "scim.membership.added",
                        "scim.membership.removed",
                        "scim.group.renamed",
                        "scim.group.deleted");
        assertThat(typesFor("group", groupName.toLowerCase(), "type", "scim.membership."))
                .containsExactly("scim.membership.added", "scim.membership.removed");
    }

    @Test
    void aRejectedCreateWritesNoEvent() {
        String userName = Bodies.uniqueUserName("Audit.Dup");
        scim.createUser(userName);
        scim.post("/Users", Bodies.user(userName)).expectScimError(409, "uniqueness");
        assertThat(typesFor("userName", userName)).containsExactly("scim.user.created");
    }

    @Test
    void tokenCreationAndRevocationAreRecordedWithoutTheSecret() {
        String name = "audit-" + Bodies.unique();
        ScimResponse created = scim.post(
                        server.baseUri() + "/admin/v1/tokens", "{\"name\":\"" + name + "\",\"scope\":\"scim\"}")
                .expectStatus(201);
        scim.delete(server.baseUri() + "/admin/v1/tokens/" + name).expectStatus(204);
        ScimResponse events = audit("userId", name);
        assertThat(typesFor("userId", name)).containsExactly("token.created", "token.revoked");
        assertThat(events.body()).doesNotContain(created.text("token"));
    }

    @Test
    void failedAuthenticationIsRecordedAtMostOncePerMinutePerAddress() {
        long before = audit("type", "auth.failed", "limit", "1000")
                .json()
                .path("events")
                .size();
        ScimClient stranger = scim.withAuthorization("Bearer not-a-token-" + Bodies.unique());
        for (int i = 0; i < 5; i++) {
            stranger.get("/Users").expectStatus(401);
        }
        List<JsonNode> events = new ArrayList<>();
        audit("type", "auth.", "limit", "1000").json().path("events").forEach(events::add);
        assertThat(events.size() - before)
                .as("five failures in a minute write at most one event")
                .isBetween(0L, 1L);
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(
                        e -> assertThat(e.path("subject").path("id").asText()).isEqualTo("127.0.0.1"));
    }

    @Test
    void pagesWithACursorAndExportsCsv() {
        String userName = Bodies.uniqueUserName("Audit.Pager");
        String userId = scim.createUser(userName);
        for (String title : List.of("A", "B", "C")) {
            scim.patch(
                            "/Users/" + userId,
                            Bodies.patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"" + title + "\"}"))
                    .expectStatus(200);
        }
        ScimResponse first = audit("userId", userId, "limit", "3");
        assertThat(first.json().path("events").size()).isEqualTo(3);
        ScimResponse second = audit("userId", userId, "limit", "3", "cursor", first.text("next"));
        assertThat(second.json().path("events").size()).isEqualTo(1);
        assertThat(second.json().path("next").isNull()).isTrue();

        ScimResponse csv = scim.get(server.baseUri() + "/admin/v1/audit", "userId", userId, "format", "csv")
                .expectStatus(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("seq,at,type,actor");
        ScimResponse negotiated = scim.send(
                        scim.request().accept("text/csv").queryParam("userId", userId),
                        "GET",
                        server.baseUri() + "/admin/v1/audit",
                        null)
                .expectStatus(200);
        assertThat(negotiated.body()).isEqualTo(csv.body());
    }

    @Test
    void theAdminApiNeedsTheAdminScopeAndRejectsBadFilters() {
        scim.get(server.baseUri() + "/admin/v1/audit", "type", "nonsense").expectStatus(400);
        scim.get(server.baseUri() + "/admin/v1/reports/seats", "month", "October")
                .expectStatus(400);
        scim.withAuthorization(null).get(server.baseUri() + "/admin/v1/audit").expectStatus(401);
        scim.get(server.baseUri() + "/admin/v1/reports/seats", "month", "2026-10")
                .expectStatus(200)
                .assertText("month")
                .isEqualTo("2026-10");
    }
}
