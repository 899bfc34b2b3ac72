package dev.kiroscim.core.sync.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdcMembership;
import dev.kiroscim.core.sync.IdcUser;
import dev.kiroscim.core.sync.IdcUserAttribute;
import dev.kiroscim.core.sync.IdcUserChange;
import dev.kiroscim.core.sync.IdcUserProfile;
import dev.kiroscim.core.sync.IdentityStoreConflict;
import dev.kiroscim.core.sync.IdentityStoreException;
import dev.kiroscim.core.sync.IdentityStoreNotFound;
import dev.kiroscim.core.sync.IdentityStoreOperation;
import dev.kiroscim.core.sync.IdentityStoreRejected;
import dev.kiroscim.core.sync.IdentityStoreThrottled;
import dev.kiroscim.core.sync.IdentityStoreUnavailable;
import dev.kiroscim.core.sync.fake.InMemoryIdentityStore.Fault;
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

class InMemoryIdentityStoreTest {

    private final InMemoryIdentityStore store = new InMemoryIdentityStore();

    private static IdcUserProfile profile(String userName) {
        return new IdcUserProfile(userName, userName, "Given", "Family", userName + "@example.com");
    }

    // ------------------------------------------------------------------ semantics of the real service

    @Test
    void creates_finds_and_lists_users() {
        String id = store.createUser(new IdcUserProfile("bjensen", null, "Barbara", null, null));

        assertThat(store.findUserIdByUserName("bjensen")).contains(id);
        assertThat(store.findUserIdByUserName("BJENSEN")).isEmpty();
        assertThat(store.userPages().flatMap(List::stream).toList())
                .containsExactly(new IdcUser(id, "bjensen", "bjensen", "Barbara", "-", null));
    }

    static Stream<Arguments> createRejections() {
        return Stream.of(
                Arguments.of("duplicate userName", profile("alice"), IdentityStoreConflict.class),
                Arguments.of("duplicate email", new IdcUserProfile("alice2", "A", "A", "A", "alice@example.com"),
                        IdentityStoreConflict.class),
                Arguments.of("whitespace", profile("has space"), IdentityStoreRejected.class),
                Arguments.of("too long", profile("x".repeat(129)), IdentityStoreRejected.class),
                Arguments.of("reserved", profile("Administrator"), IdentityStoreRejected.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createRejections")
    void create_user_rejects_like_the_service(String label, IdcUserProfile profile,
                                              Class<? extends IdentityStoreException> expected) {
        store.createUser(profile("alice"));

        assertThatThrownBy(() -> store.createUser(profile)).isInstanceOf(expected);
        assertThat(store.users()).extracting(IdcUser::userName).containsExactly("alice");
    }

    @Test
    void update_user_applies_changes_and_enforces_uniqueness() {
        String alice = store.createUser(profile("alice"));
        store.createUser(profile("bob"));

        store.updateUser(alice, List.of(new IdcUserChange(IdcUserAttribute.FAMILY_NAME, "Anders"),
                new IdcUserChange(IdcUserAttribute.EMAIL, null)));

        assertThat(store.user(alice)).hasValueSatisfying(u -> {
            assertThat(u.familyName()).isEqualTo("Anders");
            assertThat(u.email()).isNull();
        });
        assertThatThrownBy(() -> store.updateUser(alice, List.of(new IdcUserChange(IdcUserAttribute.USER_NAME, "bob"))))
                .isInstanceOf(IdentityStoreConflict.class);
        assertThatThrownBy(() -> store.updateUser("missing", List.of(new IdcUserChange(IdcUserAttribute.DISPLAY_NAME, "x"))))
                .isInstanceOf(IdentityStoreNotFound.class);
    }

    @Test
    void groups_are_unique_by_display_name() {
        String pro = store.createGroup("kiro-pro");

        assertThat(store.findGroupIdByDisplayName("kiro-pro")).contains(pro);
        assertThat(store.findGroupIdByDisplayName("kiro-power")).isEmpty();
        assertThatThrownBy(() -> store.createGroup("kiro-pro")).isInstanceOf(IdentityStoreConflict.class);
        assertThatThrownBy(() -> store.createGroup("AWSAdministrators")).isInstanceOf(IdentityStoreRejected.class);
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
        assertThat(store.removeMembershipById(((AddMembershipResult.Added) added).membershipId())).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"missing-group, USER_EXISTS, GROUP", "GROUP_EXISTS, missing-user, USER"})
    void adding_with_unknown_ids_is_not_found(String groupId, String userId, String resourceType) {
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("dave"));
        String g = groupId.equals("GROUP_EXISTS") ? group : groupId;
        String u = userId.equals("USER_EXISTS") ? user : userId;

        assertThatThrownBy(() -> store.addMembership(g, u)).isInstanceOfSatisfying(IdentityStoreNotFound.class,
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
        assertThat(store.memberships()).extracting(IdcMembership::userId).containsExactly(frank);
    }

    @Test
    void pages_are_lazy_and_cover_everything_once() {
        InMemoryIdentityStore paged = new InMemoryIdentityStore(2);
        String group = paged.createGroup("kiro-pro");
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> paged.createUser(profile("u" + i))).toList();
        ids.forEach(id -> paged.addMembership(group, id));
        paged.resetCallCounts();

        Stream<List<IdcUser>> lazy = paged.userPages();
        assertThat(paged.totalCalls()).isZero();
        assertThat(lazy.toList()).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(paged.groupMembershipPages(group).flatMap(List::stream).map(IdcMembership::userId))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(paged.callCounts()).isEqualTo(Map.of(
                IdentityStoreOperation.LIST_USERS, 3, IdentityStoreOperation.LIST_GROUP_MEMBERSHIPS, 3));
    }

    // ------------------------------------------------------------------ call counting

    @Test
    void counts_one_call_per_api_call() {
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("gina"));
        store.addMembership(group, user);
        store.updateUser(user, List.of());        // nothing to change: no call
        store.removeMembership(group, user);      // GetGroupMembershipId + DeleteGroupMembership

        assertThat(store.callCounts()).isEqualTo(Map.of(
                IdentityStoreOperation.CREATE_GROUP, 1,
                IdentityStoreOperation.CREATE_USER, 1,
                IdentityStoreOperation.CREATE_GROUP_MEMBERSHIP, 1,
                IdentityStoreOperation.GET_GROUP_MEMBERSHIP_ID, 1,
                IdentityStoreOperation.DELETE_GROUP_MEMBERSHIP, 1));
        assertThat(store.totalCalls()).isEqualTo(5);
    }

    // ------------------------------------------------------------------ fault injection

    static Stream<Arguments> faultsWithoutEffect() {
        return Stream.of(
                Arguments.of(Fault.THROTTLED, (Consumer<IdentityStoreException>) e -> assertThat(e)
                        .isInstanceOfSatisfying(IdentityStoreThrottled.class, t -> assertThat(t.retryAfter())
                                .contains(Duration.ofSeconds(1)))),
                Arguments.of(Fault.UNAVAILABLE, (Consumer<IdentityStoreException>) e -> assertThat(e)
                        .isInstanceOf(IdentityStoreUnavailable.class).hasMessageContaining("InternalServerException")),
                Arguments.of(Fault.TIMEOUT, (Consumer<IdentityStoreException>) e -> assertThat(e)
                        .isInstanceOf(IdentityStoreUnavailable.class).hasMessageContaining("timed out")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsWithoutEffect")
    void failing_faults_have_no_effect_and_clear_after_n_calls(Fault fault, Consumer<IdentityStoreException> check) {
        store.injectFaults(fault, 2);

        for (int attempt = 0; attempt < 2; attempt++) {
            IdentityStoreException error = assertThrows(IdentityStoreException.class,
                    () -> store.createUser(profile("hank")));
            check.accept(error);
            assertThat(error.retryable()).isTrue();
        }
        assertThat(store.users()).isEmpty();
        String id = store.createUser(profile("hank"));
        assertThat(store.user(id)).isPresent();
        assertThat(store.callCount(IdentityStoreOperation.CREATE_USER)).isEqualTo(3);
        assertThat(store.pendingFaults()).isZero();
    }

    @Test
    void crash_after_send_takes_effect_then_throws_so_the_retry_sees_a_conflict() {
        store.injectFaults(IdentityStoreOperation.CREATE_USER, Fault.CRASH_AFTER_SEND, 1);

        assertThatThrownBy(() -> store.createUser(profile("ivy"))).isInstanceOf(IdentityStoreUnavailable.class);
        assertThat(store.users()).extracting(IdcUser::userName).containsExactly("ivy");
        assertThatThrownBy(() -> store.createUser(profile("ivy"))).isInstanceOf(IdentityStoreConflict.class);
        assertThat(store.findUserIdByUserName("ivy")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROTTLED", "UNAVAILABLE", "TIMEOUT"})
    void faults_aimed_at_one_operation_spare_the_others(Fault fault) {
        store.injectFaults(IdentityStoreOperation.CREATE_GROUP_MEMBERSHIP, fault, 1);
        String group = store.createGroup("kiro-pro");
        String user = store.createUser(profile("jack"));

        assertThatThrownBy(() -> store.addMembership(group, user)).isInstanceOf(IdentityStoreException.class);
        assertThat(store.addMembership(group, user)).isInstanceOf(AddMembershipResult.Added.class);
    }

    @Test
    void a_fault_can_hit_the_second_page_of_a_listing() {
        InMemoryIdentityStore paged = new InMemoryIdentityStore(1);
        paged.createUser(profile("kate"));
        paged.createUser(profile("liam"));
        List<List<IdcUser>> seen = new ArrayList<>();

        var pages = paged.userPages().iterator();
        seen.add(pages.next());
        paged.injectFaults(IdentityStoreOperation.LIST_USERS, Fault.THROTTLED, 1);

        assertThatThrownBy(pages::next).isInstanceOf(IdentityStoreThrottled.class);
        assertThat(seen).hasSize(1);
    }

    @Test
    void clear_faults_drops_the_plan() {
        store.injectFaults(Fault.UNAVAILABLE, 3);
        store.clearFaults();

        assertThat(store.createGroup("kiro-pro")).isNotBlank();
    }
}
