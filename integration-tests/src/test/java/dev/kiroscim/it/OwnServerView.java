package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second bridge jar in the SCIM-receiver role, as the tests see it through its own SCIM API with its bootstrap
 * token: a full RFC 7644 server, which (unlike Identity Center) lists group members.
 */
final class OwnServerView implements DownstreamView {

    private final ScimClient scim;

    OwnServerView(KiroServer receiver) {
        this.scim = ScimClient.bearer(receiver);
    }

    @Override
    public IdentityStoreView.Snapshot snapshot() {
        Map<String, IdentityStoreView.UserView> users = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (JsonNode u :
                scim.get("/Users", "count", "1000").expectStatus(200).json().path("Resources")) {
            users.put(u.path("userName").asText(), DownstreamView.userView(u));
            names.put(u.path("id").asText(), u.path("userName").asText());
        }
        Map<String, String> groupIds = new TreeMap<>();
        Map<String, Set<String>> members = new TreeMap<>();
        for (JsonNode g :
                scim.get("/Groups", "count", "1000").expectStatus(200).json().path("Resources")) {
            groupIds.put(g.path("displayName").asText(), g.path("id").asText());
            Set<String> userNames = new TreeSet<>();
            g.path("members")
                    .forEach(m -> userNames.add(names.getOrDefault(
                            m.path("value").asText(),
                            "unknown-user:" + m.path("value").asText())));
            members.put(g.path("displayName").asText(), userNames);
        }
        return new IdentityStoreView.Snapshot(users, groupIds, members);
    }

    @Override
    public boolean isMember(String group, String userId) {
        JsonNode found = scim.get(
                        "/Groups", "filter", "displayName eq \"" + group + "\" and members eq \"" + userId + "\"")
                .expectStatus(200)
                .json();
        return found.path("Resources").size() > 0;
    }

    @Override
    public String addMembership(String groupId, String userId) {
        scim.patch(
                        "/Groups/" + groupId,
                        Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":" + Bodies.str(userId)
                                + "}]}"))
                .expectStatus(200);
        return groupId + "/" + userId;
    }

    @Override
    public void close() {
        // the receiver belongs to the test class
    }
}
