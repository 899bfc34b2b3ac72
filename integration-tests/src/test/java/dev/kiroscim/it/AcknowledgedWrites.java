package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check every crash and outage test ends with, through the server's own APIs: each write the server acknowledged
 * is there, with its audit event, and nothing is half there (every user has its {@code scim.user.created} event and
 * every such event its user: a transaction committed whole or not at all). Writes that were not acknowledged (no
 * answer, 503) may or may not have committed; both are fine, a half-committed one is not.
 *
 * <pre>{@code
 * AcknowledgedWrites.assertAllPresent(server, load.acknowledgedUsers(), load.acknowledgedMemberships());
 * AcknowledgedWrites.assertAuditVerifies(List.of("--data-dir", dir));   // H2: only while the server is stopped
 * }</pre>
 */
public final class AcknowledgedWrites {

    private AcknowledgedWrites() {}

    /** Fails naming the first few missing writes; the tests never delete users, so the sets must match exactly. */
    public static void assertAllPresent(
            KiroServer server, List<WriteLoad.AckedUser> users, List<WriteLoad.AckedMembership> memberships) {
        ScimClient scim = ScimClient.bearer(server);
        Map<String, String> existing = allUsers(scim);
        List<WriteLoad.AckedUser> lost = users.stream()
                .filter(u -> !u.userName().equalsIgnoreCase(existing.getOrDefault(u.id(), "")))
                .toList();
        assertThat(lost)
                .as("acknowledged users missing after the restart/outage (of " + users.size() + ")")
                .isEmpty();

        Set<String> createdEvents = auditEvents(server, scim, "scim.user.created").stream()
                .map(e -> e.path("subject").path("id").asText())
                .collect(Collectors.toSet());
        assertThat(createdEvents)
                .as("a scim.user.created event for every user, and a user for every such event")
                .isEqualTo(existing.keySet());

        Map<String, List<WriteLoad.AckedMembership>> byGroup =
                memberships.stream().collect(Collectors.groupingBy(WriteLoad.AckedMembership::groupId));
        Set<String> addedEvents = auditEvents(server, scim, "scim.membership.added").stream()
                .map(e -> e.path("group").path("id").asText() + "/"
                        + e.path("subject").path("id").asText())
                .collect(Collectors.toSet());
        for (var group : byGroup.entrySet()) {
            Set<String> members = new HashSet<>(
                    scim.get("/Groups/" + group.getKey()).expectStatus(200).texts("members", "value"));
            Set<String> acked = group.getValue().stream()
                    .map(WriteLoad.AckedMembership::userId)
                    .collect(Collectors.toSet());
            assertThat(members)
                    .as("acknowledged members of group " + group.getKey())
                    .containsAll(acked);
            assertThat(addedEvents)
                    .as("scim.membership.added events of group " + group.getKey())
                    .containsAll(
                            acked.stream().map(u -> group.getKey() + "/" + u).toList());
        }
    }

    /** {@code audit verify} with these database arguments exits 0. */
    public static void assertAuditVerifies(List<String> databaseArgs) {
        List<String> args = new ArrayList<>(List.of("audit", "verify"));
        args.addAll(databaseArgs);
        KiroCli.Result result = KiroCli.run(args.toArray(String[]::new));
        assertThat(result.exitCode())
                .as(result.describe() + "\nstdout: " + result.stdout())
                .isZero();
        assertThat(result.stdout()).contains("audit chain OK");
    }

    /** id → userName of every user, paging 200 at a time. */
    static Map<String, String> allUsers(ScimClient scim) {
        Map<String, String> users = new HashMap<>();
        int startIndex = 1;
        while (true) {
            JsonNode page = scim.get(
                            "/Users",
                            "startIndex",
                            Integer.toString(startIndex),
                            "count",
                            "200",
                            "attributes",
                            "userName")
                    .expectStatus(200)
                    .json();
            JsonNode resources = page.path("Resources");
            resources.forEach(
                    u -> users.put(u.path("id").asText(), u.path("userName").asText()));
            startIndex += resources.size();
            if (resources.isEmpty() || startIndex > page.path("totalResults").asInt()) {
                return users;
            }
        }
    }

    /** Every audit event of this type, following the cursor 1,000 at a time. */
    static List<JsonNode> auditEvents(KiroServer server, ScimClient scim, String type) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        do {
            List<String> query = new ArrayList<>(List.of("type", type, "limit", "1000"));
            if (cursor != null) {
                query.addAll(List.of("cursor", cursor));
            }
            JsonNode page = scim.get(server.baseUri() + "/admin/v1/audit", query.toArray(String[]::new))
                    .expectStatus(200)
                    .json();
            page.path("events").forEach(events::add);
            cursor = page.path("next").isNull() || page.path("next").isMissingNode()
                    ? null
                    : page.path("next").asText();
        } while (cursor != null);
        return events;
    }
}
