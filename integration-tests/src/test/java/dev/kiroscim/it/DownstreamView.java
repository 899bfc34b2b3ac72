package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the lifecycle tests read from, and change behind the server's back in, the downstream the bridge writes to:
 * the Identity Store API emulator ({@link IdentityStoreView}) or the SCIM dialect emulator ({@link ScimEmulatorView}).
 */
interface DownstreamView extends AutoCloseable {

    /** Every user, group and membership now. */
    IdentityStoreView.Snapshot snapshot();

    /** Whether downstream user {@code userId} is in the group named {@code group} right now (for fast polling). */
    boolean isMember(String group, String userId);

    /** Adds a membership as someone in the console would: drift a reconcile must repair. @return its id, if any */
    String addMembership(String groupId, String userId);

    @Override
    void close();

    /** A SCIM user document as the tests compare it: the attributes the bridge writes, the first email. */
    static IdentityStoreView.UserView userView(JsonNode user) {
        JsonNode name = user.path("name");
        return new IdentityStoreView.UserView(
                user.path("id").asText(),
                user.path("userName").asText(),
                user.path("displayName").asText(null),
                name.path("givenName").asText(null),
                name.path("familyName").asText(null),
                user.path("emails").path(0).path("value").asText(null));
    }
}
