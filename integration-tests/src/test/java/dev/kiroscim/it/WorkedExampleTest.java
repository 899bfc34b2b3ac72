package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the worked example of {@code docs/entitlements.md} true: takes its policy, its expected answers and its audit
 * lines from the page (the fenced blocks after the {@code <!-- worked-example-… -->} markers), replays Ann, Bob and
 * Cid over SCIM, and compares.
 */
class WorkedExampleTest {

    private static final Path DOC = Path.of("..", "docs", "entitlements.md");

    @Test
    void theDocumentedWorkedExampleIsWhatTheServerDoes() throws IOException {
        String doc = Files.readString(DOC);
        try (KiroServer server =
                KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(block(doc, "worked-example-policy")))) {
            ScimClient scim = ScimClient.bearer(server);
            SeatsAdmin admin = new SeatsAdmin(server);
            Map<String, String> ids = new LinkedHashMap<>();
            for (String name : List.of("ann", "bob", "cid")) {
                ids.put(name, scim.createUser(Bodies.uniqueUserName(name)));
            }
            String developers = scim.createGroup("Kiro-Developers");
            String platform = scim.createGroup("Kiro-Platform");

            add(scim, platform, ids.get("ann")); // 09:00
            add(scim, developers, ids.get("bob")); // 09:01
            add(scim, platform, ids.get("bob")); // 09:02
            add(scim, developers, ids.get("cid")); // 09:03
            ObjectNode bob = admin.entitlement(ids.get("bob")).deepCopy();
            bob.remove(List.of("id", "userName", "since"));
            assertThat(bob).isEqualTo(Json.parse(block(doc, "worked-example-bob-0903")));

            scim.patch(
                            "/Users/" + ids.get("ann"),
                            Bodies.patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                    .expectStatus(200); // 09:04
            assertThat(admin.seats()).isEqualTo(Json.parse(block(doc, "worked-example-seats")));
            KiroCli.Result cli = KiroCli.run("seats", "--url", server.baseUri().toString(), "--token", server.token());
            assertThat(cli.exitCode()).as(cli.describe()).isZero();
            assertThat(cli.stdout()).isEqualTo(block(doc, "worked-example-seats-cli"));
            assertThat(lastSeatEvents(scim, server, ids, 4))
                    .containsExactlyElementsOf(auditLines(block(doc, "worked-example-audit")));
        }
    }

    private static void add(ScimClient scim, String groupId, String userId) {
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch(
                                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}"))
                .expectStatus(200);
    }

    /** The last {@code n} seat events of these users, as {@code "RELEASED ann Kiro-Platform PRO_PLUS reason"}. */
    private static List<String> lastSeatEvents(ScimClient scim, KiroServer server, Map<String, String> ids, int n) {
        List<JsonNode> events = new ArrayList<>();
        for (String id : ids.values()) {
            scim.get(server.baseUri() + "/admin/v1/audit", "userId", id, "type", "seat.", "limit", "1000")
                    .expectStatus(200)
                    .json()
                    .path("events")
                    .forEach(events::add);
        }
        events.sort(Comparator.comparingLong(e -> e.path("seq").asLong()));
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events.subList(events.size() - n, events.size())) {
            String name = ids.entrySet().stream()
                    .filter(x ->
                            x.getValue().equals(e.path("subject").path("id").asText()))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            lines.add(e.path("type").asText().substring("seat.".length()).toUpperCase() + " " + name + " "
                    + e.path("details").path("pool").asText() + " "
                    + e.path("details").path("tier").asText() + " "
                    + e.path("details").path("reason").asText());
        }
        return lines;
    }

    /** The doc's audit block with runs of spaces collapsed. */
    private static List<String> auditLines(String block) {
        return block.lines()
                .filter(l -> !l.isBlank())
                .map(l -> l.trim().replaceAll("\\s{2,}", " "))
                .toList();
    }

    /** The fenced code block right after {@code <!-- marker -->}. */
    static String block(String doc, String marker) {
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(doc);
        assertThat(m.find())
                .as("docs/entitlements.md has a block marked %s", marker)
                .isTrue();
        return m.group(1);
    }
}
