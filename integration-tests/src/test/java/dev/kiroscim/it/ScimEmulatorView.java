package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.testsupport.ScimEmulatorServer;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The SCIM dialect emulator as the tests see it: listings through its control endpoint (which, unlike the SCIM API,
 * shows group members), and changes through its SCIM API with a valid token, as a console user or another tool would.
 */
final class ScimEmulatorView implements DownstreamView {

    private final ScimEmulatorServer emulator;
    private final String token;

    ScimEmulatorView(ScimEmulatorServer emulator, String token) {
        this.emulator = emulator;
        this.token = token;
    }

    @Override
    public IdentityStoreView.Snapshot snapshot() {
        JsonNode state = emulator.state();
        Map<String, IdentityStoreView.UserView> users = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (JsonNode u : state.path("users")) {
            users.put(u.path("userName").asText(), DownstreamView.userView(u));
            names.put(u.path("id").asText(), u.path("userName").asText());
        }
        Map<String, String> groupIds = new TreeMap<>();
        Map<String, Set<String>> members = new TreeMap<>();
        for (JsonNode g : state.path("groups")) {
            groupIds.put(g.path("displayName").asText(), g.path("id").asText());
            Set<String> userNames = new TreeSet<>();
            g.path("members").forEach(m -> userNames.add(names.getOrDefault(m.asText(), "unknown-user:" + m.asText())));
            members.put(g.path("displayName").asText(), userNames);
        }
        return new IdentityStoreView.Snapshot(users, groupIds, members);
    }

    @Override
    public boolean isMember(String group, String userId) {
        for (JsonNode g : emulator.state().path("groups")) {
            if (g.path("displayName").asText().equals(group)) {
                for (JsonNode m : g.path("members")) {
                    if (m.asText().equals(userId)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public String addMembership(String groupId, String userId) {
        String body =
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
                        + "\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}]}";
        int status = emulator.scimRequest("PATCH", "/Groups/" + groupId, body, token);
        if (status >= 300) {
            throw new IllegalStateException("emulator refused the console's membership: " + status);
        }
        return groupId + "/" + userId;
    }

    @Override
    public void close() {
        // nothing held: the emulator belongs to the test class
    }
}
