package dev.kiroscim.core.sync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserAttribute;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.sync.fake.InMemoryIdentityCenter.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class InMemoryIdentityCenterTest {

    private final InMemoryIdentityCenter store = new InMemoryIdentityCenter();

    private static IdentityCenterUserProfile profile(String userName) {
        return new IdentityCenterUserProfile(userName, userName, "Given", "Family", userName + "@example.com");
    }

    // ------------------------------------------------------------------ semantics of the real service

    @Test
    void creates_finds_and_lists_users() {
        String id = store.createUser(new IdentityCenterUserProfile("bjensen", null, "Barbara", null, null));

        assertThat(store.findUserIdByUserName("bjensen")).contains(id);
        assertThat(store.findUserIdByUserName("BJENSEN")).isEmpty();
        assertThat(store.userPages().flatMap(List::stream).toList())
                .containsExactly(new IdentityCenterUser(id, "bjensen", "bjensen", "Barbara", "-", null));
    }

    static Stream<Arguments> createRejections() {
        return Stream.of(
                Arguments.of("duplicate userName", profile("alice"), IdentityCenterConflict.class),
                Arguments.of(
                        "duplicate email",
                        new IdentityCenterUserProfile("alice2", "A", "A", "A", "alice@example.com"),
                        IdentityCenterConflict.class),
                Arguments.of("whitespace", profile("has space"), IdentityCenterRejected.class),
                Arguments.of("too long", profile("x".repeat(129)), IdentityCenterRejected.class),
                Arguments.of("reserved", profile("Administrator"), IdentityCenterRejected.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createRejections")
    void create_user_rejects_like_the_service(
            String label, IdentityCenterUserProfile profile, Class<? extends IdentityCenterException> expected) {
        store.createUser(profile("alice"));

        assertThatThrownBy(() -> store.createUser(profile)).isInstanceOf(expected);
        assertThat(store.users()).extracting(IdentityCenterUser::userName).containsExactly("alice");
    }

    @Test
    void update_user_applies_changes_and_enforces_uniqueness() {
        String alice = store.createUser(profile("alice"));
        store.createUser(profile("bob"));

        store.updateUser(
                alice,
                List.of(
                        new IdentityCenterUserChange(IdentityCenterUserAttribute.FAMILY_NAME, "Anders"),
                        new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, null)));

        assertThat(store.user(alice)).hasValueSatisfying(u -> {
            assertThat(u.familyName()).isEqualTo("Anders");
            assertThat(u.email()).isNull();
        });
        assertThatThrownBy(() -> store.updateUser(
                        alice, List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.USER_NAME, "bob"))))
                .isInstanceOf(IdentityCenterConflict.class);
        assertThatThrownBy(() -> store.updateUser(
                        "missing",
                        List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.DISPLAY_NAME, "x"))))
                .isInstanceOf(IdentityCenterNotFound.class);
    }

    @Test
    void groups_are_unique_by_display_name() {
        String pro = store.createGroup("kiro-pro");

        assertThat(store.findGroupIdByDisplayName("kiro-pro")).contains(pro);
        assertThat(store.findGroupIdByDisplayName("kiro-power")).isEmpty();
        assertThatThrownBy(() -> store.createGroup("kiro-pro")).isInstanceOf(IdentityCenterConflict.class);
        assertThatThrownBy(() -> store.createGroup("AWSAdministrators")).isInstanceOf(IdentityCenterRejected.class);
    }

    @Test
    void memberships_are_unique_and_removable_once() {
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("carol"));

        AddMembershipResult added = store.addMembership(group, user);

        assertThat(added).isInstanceOf(AddMembershipResult.Added.class);
        assertThat(store.addMembership(group, user)).isEqualTo(new AddMembershipResult.AlreadyMember());
        assertThat(store.memberIds(group)).containsExactly(user);
        assertThat(store.removeMembership(group, user)).isTrue();
        assertThat(store.removeMembership(group, user)).isFalse();
        assertThat(store.removeMembershipById(((AddMembershipResult.Added) added).membershipId()))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"missing-group, USER_EXISTS, GROUP", "GROUP_EXISTS, missing-user, USER"})
    void adding_with_unknown_ids_is_not_found(String groupId, String userId, String resourceType) {
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("dave"));
        String g = groupId.equals("GROUP_EXISTS") ? group : groupId;
        String u = userId.equals("USER_EXISTS") ? user : userId;

        assertThatThrownBy(() -> store.addMembership(g, u))
                .isInstanceOfSatisfying(
                        IdentityCenterNotFound.class,
                        notFound -> assertThat(notFound.resourceType()).isEqualTo(resourceType));
    }

    @Test
    void deleting_a_user_is_idempotent_and_cascades_to_memberships() {
        String pro = store.createGroup("kiro-pro");
        String power = store.createGroup("kiro-power");
        String erin = store.createUser(profile("erin"));
        String frank = store.createUser(profile("frank"));
        store.addMembership(pro, erin);
        store.addMembership(power, erin);
        store.addMembership(pro, frank);

        assertThat(store.deleteUser(erin)).isTrue();
        assertThat(store.deleteUser(erin)).isFalse();
        assertThat(store.memberships())
                .extracting(IdentityCenterMembership::userId)
                .containsExactly(frank);
    }

    @Test
    void pages_are_lazy_and_cover_everything_once() {
        InMemoryIdentityCenter paged = new InMemoryIdentityCenter(2);
        String group = paged.createGroup("kiro-pro");
        List<String> ids = IntStream.range(0, 5)
                .mapToObj(i -> paged.createUser(profile("u" + i)))
                .toList();
        ids.forEach(id -> paged.addMembership(group, id));
        paged.resetCallCounts();

        Stream<List<IdentityCenterUser>> lazy = paged.userPages();
        assertThat(paged.totalCalls()).isZero();
        assertThat(lazy.toList()).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(paged.groupMembershipPages(group).flatMap(List::stream).map(IdentityCenterMembership::userId))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(paged.callCounts())
                .isEqualTo(Map.of(
                        IdentityCenterOperation.LIST_USERS, 3, IdentityCenterOperation.LIST_GROUP_MEMBERSHIPS, 3));
    }

    // ------------------------------------------------------------------ call counting

    @Test
    void counts_one_call_per_api_call() {
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("gina"));
        store.addMembership(group, user);
        store.updateUser(user, List.of()); // nothing to change: no call
        store.removeMembership(group, user); // GetGroupMembershipId + DeleteGroupMembership

        assertThat(store.callCounts())
                .isEqualTo(Map.of(
                        IdentityCenterOperation.CREATE_GROUP, 1,
                        IdentityCenterOperation.CREATE_USER, 1,
                        IdentityCenterOperation.CREATE_GROUP_MEMBERSHIP, 1,
                        IdentityCenterOperation.GET_GROUP_MEMBERSHIP_ID, 1,
                        IdentityCenterOperation.DELETE_GROUP_MEMBERSHIP, 1));
        assertThat(store.totalCalls()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ fault injection

    static Stream<Arguments> faultsWithoutEffect() {
        return Stream.of(
                Arguments.of(Fault.THROTTLED, (Consumer<IdentityCenterException>) e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                IdentityCenterThrottled.class,
                                t -> assertThat(t.retryAfter()).contains(Duration.ofSeconds(1)))),
                Arguments.of(Fault.UNAVAILABLE, (Consumer<IdentityCenterException>) e -> assertThat(e)
                        .isInstanceOf(IdentityCenterUnavailable.class)
                        .hasMessageContaining("InternalServerException")),
                Arguments.of(Fault.TIMEOUT, (Consumer<IdentityCenterException>) e -> assertThat(e)
                        .isInstanceOf(IdentityCenterUnavailable.class)
                        .hasMessageContaining("timed out")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsWithoutEffect")
    void failing_faults_have_no_effect_and_clear_after_n_calls(Fault fault, Consumer<IdentityCenterException> check) {
        store.injectFaults(fault, 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            IdentityCenterException error =
                    assertThrows(IdentityCenterException.class, () -> store.createUser(profile("hank")));
            check.accept(error);
            assertThat(error.retryable()).isTrue();
        }
        assertThat(store.users()).isEmpty();
        String id = store.createUser(profile("hank"));
        assertThat(store.user(id)).isPresent();
        assertThat(store.callCount(IdentityCenterOperation.CREATE_USER)).isEqualTo(3);
        assertThat(store.pendingFaults()).isZero();
    }

    @Test
    void crash_after_send_takes_effect_then_throws_so_the_retry_sees_a_conflict() {
        store.injectFaults(IdentityCenterOperation.CREATE_USER, Fault.CRASH_AFTER_SEND, 1);

        assertThatThrownBy(() -> store.createUser(profile("ivy"))).isInstanceOf(IdentityCenterUnavailable.class);
        assertThat(store.users()).extracting(IdentityCenterUser::userName).containsExactly("ivy");
        assertThatThrownBy(() -> store.createUser(profile("ivy"))).isInstanceOf(IdentityCenterConflict.class);
        assertThat(store.findUserIdByUserName("ivy")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"THROTTLED", "UNAVAILABLE", "TIMEOUT"})
    void faults_aimed_at_one_operation_spare_the_others(Fault fault) {
        store.injectFaults(IdentityCenterOperation.CREATE_GROUP_MEMBERSHIP, fault, 1);
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("jack"));

        assertThatThrownBy(() -> store.addMembership(group, user)).isInstanceOf(IdentityCenterException.class);
        assertThat(store.addMembership(group, user)).isInstanceOf(AddMembershipResult.Added.class);
    }

    @Test
    void a_fault_can_hit_the_second_page_of_a_listing() {
        InMemoryIdentityCenter paged = new InMemoryIdentityCenter(1);
        paged.createUser(profile("kate"));
        paged.createUser(profile("liam"));
        List<List<IdentityCenterUser>> seen = new ArrayList<>();

        var pages = paged.userPages().iterator();
        seen.add(pages.next());
        paged.injectFaults(IdentityCenterOperation.LIST_USERS, Fault.THROTTLED, 1);

        assertThatThrownBy(pages::next).isInstanceOf(IdentityCenterThrottled.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void clear_faults_drops_the_plan() {
        store.injectFaults(Fault.UNAVAILABLE, 3);
        store.clearFaults();

        assertThat(store.createGroup("kiro-pro")).isNotBlank();
    }
}
