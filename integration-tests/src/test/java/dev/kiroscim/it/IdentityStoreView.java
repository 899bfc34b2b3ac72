package dev.kiroscim.it;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.User;

/**
 * The Identity Store emulator as the tests see it, through the AWS SDK and behind the server's back: a full
 * listing ({@link #snapshot()}) to compare with the desired state, and changes the server did not make.
 *
 * <pre>{@code
 * IdentityStoreView store = IdentityStoreView.of(moto.endpoint(), "d-1234567890");
 * store.snapshot().members("kiro-pro");   // [ann@example.com]
 * }</pre>
 */
final class IdentityStoreView implements DownstreamView {

    /** One Identity Store user as listed, with the attributes the bridge writes. */
    record UserView(
            String userId, String userName, String displayName, String givenName, String familyName, String email) {}

    /**
     * Everything listed at one moment.
     *
     * @param users      by userName
     * @param groupIds   group displayName to group id
     * @param members    group displayName to the userNames of its members (groups without members map to an empty set)
     */
    record Snapshot(Map<String, UserView> users, Map<String, String> groupIds, Map<String, Set<String>> members) {

        Set<String> members(String group) {
            return members.getOrDefault(group, Set.of());
        }
    }

    private final IdentitystoreClient client;
    private final String identityStoreId;

    private IdentityStoreView(IdentitystoreClient client, String identityStoreId) {
        this.client = client;
        this.identityStoreId = identityStoreId;
    }

    static IdentityStoreView of(URI endpoint, String identityStoreId) {
        IdentitystoreClient client = IdentitystoreClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new IdentityStoreView(client, identityStoreId);
    }

    @Override
    public Snapshot snapshot() {
        Map<String, UserView> users = new TreeMap<>();
        Map<String, String> userNamesById = new TreeMap<>();
        for (User u : client.listUsersPaginator(
                        r -> r.identityStoreId(identityStoreId).maxResults(100))
                .users()) {
            String email = u.emails().isEmpty() ? null : u.emails().get(0).value();
            users.put(
                    u.userName(),
                    new UserView(
                            u.userId(),
                            u.userName(),
                            u.displayName(),
                            u.name() == null ? null : u.name().givenName(),
                            u.name() == null ? null : u.name().familyName(),
                            email));
            userNamesById.put(u.userId(), u.userName());
        }
        Map<String, String> groupIds = new TreeMap<>();
        Map<String, Set<String>> members = new TreeMap<>();
        for (Group g : client.listGroupsPaginator(
                        r -> r.identityStoreId(identityStoreId).maxResults(100))
                .groups()) {
            groupIds.put(g.displayName(), g.groupId());
            Set<String> names = new TreeSet<>();
            for (GroupMembership m : client.listGroupMembershipsPaginator(r -> r.identityStoreId(identityStoreId)
                            .groupId(g.groupId())
                            .maxResults(100))
                    .groupMemberships()) {
                String userId = m.memberId().userId();
                names.add(userNamesById.getOrDefault(userId, "unknown-user:" + userId));
            }
            members.put(g.displayName(), names);
        }
        return new Snapshot(users, groupIds, members);
    }

    /** Every user and membership row as listed, duplicates included (the snapshot's maps would hide them). */
    record Rows(List<String> userNames, List<String> membershipKeys) {}

    Rows rows() {
        List<String> names = new java.util.ArrayList<>();
        for (User u : client.listUsersPaginator(
                        r -> r.identityStoreId(identityStoreId).maxResults(100))
                .users()) {
            names.add(u.userName());
        }
        List<String> memberships = new java.util.ArrayList<>();
        for (Group g : client.listGroupsPaginator(
                        r -> r.identityStoreId(identityStoreId).maxResults(100))
                .groups()) {
            for (GroupMembership m : client.listGroupMembershipsPaginator(r -> r.identityStoreId(identityStoreId)
                            .groupId(g.groupId())
                            .maxResults(100))
                    .groupMemberships()) {
                memberships.add(g.displayName() + "/" + m.memberId().userId());
            }
        }
        return new Rows(names, memberships);
    }

    /** Whether Identity Store user {@code userId} is in the group named {@code group} (a displayName, not an id) right now: two list calls, for fast polling. */
    @Override
    public boolean isMember(String group, String userId) {
        Optional<String> groupId = groupId(group);
        if (groupId.isEmpty()) {
            return false;
        }
        for (GroupMembership m : client.listGroupMembershipsPaginator(r -> r.identityStoreId(identityStoreId)
                        .groupId(groupId.get())
                        .maxResults(100))
                .groupMemberships()) {
            if (userId.equals(m.memberId().userId())) {
                return true;
            }
        }
        return false;
    }

    Optional<String> groupId(String group) {
        return client
                .listGroupsPaginator(r -> r.identityStoreId(identityStoreId).maxResults(100))
                .groups()
                .stream()
                .filter(g -> g.displayName().equals(group))
                .map(Group::groupId)
                .findFirst();
    }

    /** CreateGroupMembership, as someone in the console would: the drift a reconcile must repair. */
    @Override
    public String addMembership(String groupId, String userId) {
        return client.createGroupMembership(
                        r -> r.identityStoreId(identityStoreId).groupId(groupId).memberId(m -> m.userId(userId)))
                .membershipId();
    }

    /** CreateUser, as someone in the console would before the bridge ran: a user the bridge must adopt, not own. */
    String createUser(String userName, String givenName, String familyName) {
        return client.createUser(r -> r.identityStoreId(identityStoreId)
                        .userName(userName)
                        .displayName(givenName + " " + familyName)
                        .name(n -> n.givenName(givenName).familyName(familyName))
                        .emails(e -> e.value(userName).type("work").primary(true)))
                .userId();
    }

    /** CreateUser with an email of our choosing, e.g. one a SCIM user will want too (a conflict the sync cannot fix). */
    String createUserWithEmail(String userName, String email) {
        return client.createUser(r -> r.identityStoreId(identityStoreId)
                        .userName(userName)
                        .displayName(userName)
                        .name(n -> n.givenName("Squatter").familyName("Console"))
                        .emails(e -> e.value(email).type("work").primary(true)))
                .userId();
    }

    void deleteUser(String userId) {
        client.deleteUser(r -> r.identityStoreId(identityStoreId).userId(userId));
    }

    static List<String> tierGroups() {
        return List.of("kiro-pro", "kiro-pro-plus", "kiro-power");
    }

    @Override
    public void close() {
        client.close();
    }
}
