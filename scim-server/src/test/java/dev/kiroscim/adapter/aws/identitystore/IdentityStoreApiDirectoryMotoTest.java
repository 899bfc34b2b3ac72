package dev.kiroscim.adapter.aws.identitystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserAttribute;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.testsupport.MotoIdentityStoreServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@link IdentityStoreApiDirectory} over real HTTP against the moto extension, so SDK marshalling, Document values, paging
 * and error unmarshalling are exercised. Each test gets its own random identity store id, which moto isolates.
 * Throttling cannot be produced by the emulator; its mapping is covered by {@code AwsErrorsTest}.
 */
class IdentityStoreApiDirectoryMotoTest {

    private static final String SCRIPT_PROPERTY = "kiro.motoIdentityStoreScript";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static MotoIdentityStoreServer server;
    /** Why the emulator is unavailable on this machine; rethrown per test so surefire counts them as skipped. */
    private static TestAbortedException unavailable;

    private IdentityStoreApiDirectory store;

    @BeforeAll
    static void startEmulator() throws Exception {
        String script = System.getProperty(SCRIPT_PROPERTY, "../integration-tests/emulator/moto_identitystore.py");
        try {
            server = MotoIdentityStoreServer.start(
                    Path.of(script).toAbsolutePath().normalize());
        } catch (TestAbortedException skipped) { // never on CI=true: ExternalComponent fails there instead
            unavailable = skipped;
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newStore() {
        if (unavailable != null) {
            throw unavailable;
        }
        String storeId = "d-" + HexFormat.of().formatHex(RANDOM.generateSeed(5));
        IdentityStoreApiConfig config = new IdentityStoreApiConfig(storeId, "us-east-1", server.endpoint(), 1000);
        store = IdentityStoreApiDirectory.create(
                config, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    @AfterEach
    void closeClient() {
        if (store != null) {
            store.close();
        }
    }

    private static IdentityCenterUserProfile profile(String userName) {
        return new IdentityCenterUserProfile(
                userName, userName + " display", "Given", "Family", userName + "@example.com");
    }

    private List<IdentityCenterUser> allUsers() {
        return store.userPages().flatMap(List::stream).toList();
    }

    private IdentityCenterUser readBack(String userId) {
        return allUsers().stream()
                .filter(u -> u.id().equals(userId))
                .findFirst()
                .orElseThrow();
    }

    private Set<String> memberIds(String groupId) {
        return store.groupMembershipPages(groupId)
                .flatMap(List::stream)
                .map(IdentityCenterMembership::userId)
                .collect(Collectors.toSet());
    }

    @Test
    void creates_a_user_with_all_required_attributes_and_finds_it_by_user_name() {
        String id = store.createUser(new IdentityCenterUserProfile("svc-build", "Build bot", null, "", null));

        assertThat(readBack(id))
                .isEqualTo(new IdentityCenterUser(
                        id,
                        "svc-build",
                        "Build bot",
                        IdentityCenterUserProfile.NAME_PLACEHOLDER,
                        IdentityCenterUserProfile.NAME_PLACEHOLDER,
                        null));
        assertThat(store.findUserIdByUserName("svc-build")).contains(id);
        assertThat(store.findUserIdByUserName("nobody")).isEmpty();
    }

    @Test
    void a_duplicate_user_name_is_a_uniqueness_conflict_with_the_request_id() {
        store.createUser(profile("alice"));

        assertThatThrownBy(() -> store.createUser(profile("alice")))
                .isInstanceOfSatisfying(IdentityCenterConflict.class, conflict -> {
                    assertThat(conflict.reason())
                            .isEqualTo(IdentityCenterConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION);
                    assertThat(conflict.operation()).isEqualTo(IdentityCenterOperation.CREATE_USER);
                    assertThat(conflict.retryable()).isFalse();
                    assertThat(conflict.awsRequestId()).isNotBlank();
                });
    }

    @Test
    void an_invalid_user_name_is_rejected_and_not_retryable() {
        assertThatThrownBy(() -> store.createUser(profile("has space")))
                .isInstanceOfSatisfying(IdentityCenterRejected.class, rejected -> {
                    assertThat(rejected.errorCode()).isEqualTo("ValidationException");
                    assertThat(rejected.retryable()).isFalse();
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "USER_NAME,     alice.anders",
                "DISPLAY_NAME,  Alice Anders",
                "GIVEN_NAME,    Alicia",
                "FAMILY_NAME,   Anders-Berg",
                "EMAIL,         a.anders@example.com",
                "EMAIL,         null"
            })
    void update_user_changes_one_attribute(IdentityCenterUserAttribute attribute, String newValue) {
        String id = store.createUser(profile("alice"));
        IdentityCenterUserProfile before = readBack(id).profile();

        store.updateUser(id, List.of(new IdentityCenterUserChange(attribute, newValue)));

        IdentityCenterUserProfile after = readBack(id).profile();
        assertThat(IdentityCenterUserChange.between(before, after))
                .containsExactly(new IdentityCenterUserChange(attribute, newValue));
    }

    @Test
    void update_user_applies_a_whole_diff_in_one_call() {
        String id = store.createUser(profile("bob"));
        IdentityCenterUserProfile desired =
                new IdentityCenterUserProfile("robert", "Robert B", "Robert", "Brown", "robert@example.com");

        store.updateUser(id, IdentityCenterUserChange.between(readBack(id).profile(), desired));

        assertThat(readBack(id).profile()).isEqualTo(desired);
    }

    @Test
    void update_user_conflicts_and_not_found() {
        String carol = store.createUser(profile("carol"));
        store.createUser(profile("dave"));

        assertThatThrownBy(() -> store.updateUser(
                        carol, List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.USER_NAME, "dave"))))
                .isInstanceOf(IdentityCenterConflict.class);
        assertThatThrownBy(() -> store.updateUser(
                        carol,
                        List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, "dave@example.com"))))
                .isInstanceOf(IdentityCenterConflict.class);
        assertThatThrownBy(() -> store.updateUser(
                        "00000000-0000-0000-0000-000000000000",
                        List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.DISPLAY_NAME, "x"))))
                .isInstanceOfSatisfying(
                        IdentityCenterNotFound.class,
                        notFound -> assertThat(notFound.resourceType()).isEqualTo("USER"));
    }

    @Test
    void delete_user_is_idempotent_and_removes_the_memberships() {
        String group = store.createGroup("kiro-pro");
        String erin = store.createUser(profile("erin"));
        String frank = store.createUser(profile("frank"));
        store.addMembership(group, erin);
        store.addMembership(group, frank);

        assertThat(store.deleteUser(erin)).isTrue();
        assertThat(store.deleteUser(erin)).isFalse();
        assertThat(memberIds(group)).containsExactly(frank);
    }

    @Test
    void groups_are_created_found_by_display_name_and_unique() {
        String id = store.createGroup("kiro-pro-plus");

        assertThat(store.findGroupIdByDisplayName("kiro-pro-plus")).contains(id);
        assertThat(store.findGroupIdByDisplayName("kiro-power")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> store.createGroup("kiro-pro-plus"))
                .isInstanceOfSatisfying(
                        IdentityCenterConflict.class,
                        conflict -> assertThat(conflict.reason())
                                .isEqualTo(IdentityCenterConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION));
    }

    @Test
    void adding_an_existing_member_reports_already_member() {
        String group = store.createGroup("kiro-pro");
        String gina = store.createUser(profile("gina"));

        AddMembershipResult first = store.addMembership(group, gina);
        AddMembershipResult second = store.addMembership(group, gina);

        assertThat(first).isInstanceOf(AddMembershipResult.Added.class);
        assertThat(second).isEqualTo(new AddMembershipResult.AlreadyMember());
        assertThat(store.groupMembershipPages(group).flatMap(List::stream).toList())
                .containsExactly(
                        new IdentityCenterMembership(((AddMembershipResult.Added) first).membershipId(), group, gina));
    }

    @Test
    void adding_to_a_missing_group_is_not_found() {
        String hank = store.createUser(profile("hank"));

        assertThatThrownBy(() -> store.addMembership("00000000-0000-0000-0000-000000000000", hank))
                .isInstanceOfSatisfying(
                        IdentityCenterNotFound.class,
                        notFound -> assertThat(notFound.resourceType()).isEqualTo("GROUP"));
    }

    @Test
    void remove_membership_by_group_and_user_is_idempotent() {
        String group = store.createGroup("kiro-pro");
        String ivy = store.createUser(profile("ivy"));
        store.addMembership(group, ivy);

        assertThat(store.removeMembership(group, ivy)).isTrue();
        assertThat(store.removeMembership(group, ivy)).isFalse();
        assertThat(memberIds(group)).isEmpty();
    }

    @Test
    void remove_membership_by_id_is_idempotent() {
        String group = store.createGroup("kiro-pro");
        String jack = store.createUser(profile("jack"));
        String membershipId = ((AddMembershipResult.Added) store.addMembership(group, jack)).membershipId();

        assertThat(store.removeMembershipById(membershipId)).isTrue();
        assertThat(store.removeMembershipById(membershipId)).isFalse();
        assertThat(memberIds(group)).isEmpty();
    }

    @Test
    void lists_users_and_memberships_over_several_pages() {
        String group = store.createGroup("kiro-power");
        List<String> userIds = IntStream.range(0, 7)
                .mapToObj(i -> store.createUser(profile("user" + i)))
                .toList();
        userIds.subList(0, 5).forEach(id -> store.addMembership(group, id));
        IdentityStoreApiDirectory smallPages = store.withPageSize(3);

        List<List<IdentityCenterUser>> userPages = smallPages.userPages().toList();
        List<List<IdentityCenterMembership>> membershipPages =
                smallPages.groupMembershipPages(group).toList();

        assertThat(userPages).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(userPages.stream().flatMap(List::stream).map(IdentityCenterUser::id))
                .containsExactlyInAnyOrderElementsOf(userIds);
        assertThat(membershipPages).extracting(List::size).containsExactly(3, 2);
        assertThat(membershipPages.stream().flatMap(List::stream).map(IdentityCenterMembership::userId))
                .containsExactlyInAnyOrderElementsOf(userIds.subList(0, 5));
    }

    @Test
    void an_empty_store_lists_one_empty_page() {
        assertThat(store.userPages().toList()).containsExactly(List.of());
    }
}
