package dev.kiroscim.adapter.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.sync.AddMembershipResult;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterMembership;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterTransient;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import dev.kiroscim.core.sync.IdentityCenterUser;
import dev.kiroscim.core.sync.IdentityCenterUserAttribute;
import dev.kiroscim.core.sync.IdentityCenterUserChange;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import dev.kiroscim.core.testsupport.ScimEmulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ScimDirectory} against the emulator of Identity Center's SCIM dialect: the emulator refuses what the real
 * endpoint refuses, so every test also checks afterwards that no request was refused as invalid (400).
 */
class ScimDirectoryTest {

    private static final String TOKEN = "token-one";
    private static ScimEmulatorServer emulator;

    @TempDir
    Path dir;

    private Path tokenFile;
    private ScimDirectory directory;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = ScimEmulatorServer.start(ScimEmulatorServer.defaultScript(), TOKEN);
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        emulator.reset();
        emulator.acceptTokens(TOKEN);
        tokenFile = dir.resolve("scim-token");
        Files.writeString(tokenFile, TOKEN + "\n");
        directory = new ScimDirectory(
                new ScimDirectoryConfig(emulator.scimBase(), tokenFile, 10),
                () -> {},
                Clock.systemUTC(),
                Duration.ofMillis(800));
    }

    @AfterEach
    void noRequestWasInvalid() {
        List<String> refused = new ArrayList<>();
        emulator.state().path("requests").forEach(r -> {
            if (r.path("status").asInt() == 400) {
                refused.add(r.toString());
            }
        });
        assertThat(refused).as("requests the dialect refused").isEmpty();
    }

    private JsonNode user(String userName) {
        for (JsonNode u : emulator.state().path("users")) {
            if (u.path("userName").asText().equals(userName)) {
                return u;
            }
        }
        throw new AssertionError("no user " + userName);
    }

    private List<String> members(String groupId) {
        for (JsonNode g : emulator.state().path("groups")) {
            if (g.path("id").asText().equals(groupId)) {
                List<String> ids = new ArrayList<>();
                g.path("members").forEach(m -> ids.add(m.asText()));
                return ids;
            }
        }
        throw new AssertionError("no group " + groupId);
    }

    private int requestCount() {
        return emulator.state().path("requests").size();
    }

    @Test
    void createUser_sendsTheFourRequiredNamesWithDefaultsAndOnePrimaryEmail() {
        String id =
                directory.createUser(new IdentityCenterUserProfile("svc-build", null, null, null, "build@example.com"));
        JsonNode created = user("svc-build");
        assertThat(created.path("id").asText()).isEqualTo(id);
        assertThat(created.path("displayName").asText()).isEqualTo("svc-build");
        assertThat(created.path("name").path("givenName").asText())
                .isEqualTo(IdentityCenterUserProfile.NAME_PLACEHOLDER);
        assertThat(created.path("name").path("familyName").asText())
                .isEqualTo(IdentityCenterUserProfile.NAME_PLACEHOLDER);
        assertThat(created.path("emails")).hasSize(1);
        assertThat(created.path("emails").path(0).path("primary").asBoolean()).isTrue();
    }

    @Test
    void aTakenUserName_isAConflict_andTheUserIsFoundToAdopt() {
        String id = directory.createUser(new IdentityCenterUserProfile("ann@example.com", "Ann", "Ann", "Lee", null));
        assertThatThrownBy(() -> directory.createUser(
                        new IdentityCenterUserProfile("ann@example.com", "Ann", "Ann", "Lee", null)))
                .isInstanceOf(IdentityCenterConflict.class);
        assertThat(directory.findUserIdByUserName("ann@example.com")).contains(id);
        assertThat(directory.findUserIdByUserName("nobody@example.com")).isEmpty();
    }

    @Test
    void updateUser_replacesNamesAndTheEmail_andRemovesTheEmail() {
        String id = directory.createUser(new IdentityCenterUserProfile("bob", "Bob", "Bob", "Old", "bob@example.com"));
        directory.updateUser(
                id,
                IdentityCenterUserChange.between(
                        new IdentityCenterUserProfile("bob", "Bob", "Bob", "Old", "bob@example.com"),
                        new IdentityCenterUserProfile("bob", "Bob New", "Bob", "New", "new@example.com")));
        JsonNode updated = user("bob");
        assertThat(updated.path("displayName").asText()).isEqualTo("Bob New");
        assertThat(updated.path("name").path("familyName").asText()).isEqualTo("New");
        assertThat(updated.path("emails").path(0).path("value").asText()).isEqualTo("new@example.com");

        directory.updateUser(id, List.of(new IdentityCenterUserChange(IdentityCenterUserAttribute.EMAIL, null)));
        assertThat(user("bob").has("emails")).isFalse();
    }

    @Test
    void groups_areFoundByDisplayName_andADuplicateIsAConflict() {
        String id = directory.createGroup("kiro-pro");
        assertThat(directory.findGroupIdByDisplayName("kiro-pro")).contains(id);
        assertThat(directory.findGroupIdByDisplayName("kiro-power")).isEmpty();
        assertThatThrownBy(() -> directory.createGroup("kiro-pro")).isInstanceOf(IdentityCenterConflict.class);
    }

    @Test
    void memberships_areAddedAndRemovedOneOperationPerPatch_andReadByTheMembersFilter() {
        String group = directory.createGroup("kiro-pro");
        String ann = directory.createUser(new IdentityCenterUserProfile("ann", null, null, null, null));
        String bob = directory.createUser(new IdentityCenterUserProfile("bob", null, null, null, null));
        assertThat(directory.addMembership(group, ann)).isInstanceOf(AddMembershipResult.Added.class);
        assertThat(directory.addMembership(group, ann))
                .as("again: idempotent")
                .isInstanceOf(AddMembershipResult.Added.class);
        assertThat(members(group)).containsExactly(ann);

        List<IdentityCenterMembership> listed =
                directory.groupMembershipPages(group).flatMap(List::stream).toList();
        assertThat(listed).extracting(IdentityCenterMembership::userId).containsExactly(ann);

        assertThat(directory.removeMembership(group, bob)).as("not a member").isFalse();
        assertThat(directory.removeMembership(group, ann)).isTrue();
        assertThat(members(group)).isEmpty();
        assertThat(directory.removeMembership(group, ann)).isFalse();
    }

    @Test
    void everyRequest_takesItsTurnFromTheRateBudget_theClustersWhenShared() {
        AtomicInteger turns = new AtomicInteger();
        ScimDirectory budgeted = new ScimDirectory(
                new ScimDirectoryConfig(emulator.scimBase(), tokenFile, 10),
                turns::incrementAndGet,
                Clock.systemUTC(),
                Duration.ofMillis(800));
        String group = budgeted.createGroup("kiro-pro");
        String ann = budgeted.createUser(new IdentityCenterUserProfile("ann", null, null, null, null));
        budgeted.addMembership(group, ann);
        budgeted.removeMembership(group, ann);
        budgeted.findGroupIdByDisplayName("kiro-pro");
        assertThat(turns.get())
                .as("one turn per request the emulator saw")
                .isEqualTo(emulator.state().path("requests").size())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void twoHundredFiftyMembers_everyPatchWithinTheLimit_andListedAcrossThreePages() {
        String group = directory.createGroup("kiro-pro");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(directory.createUser(new IdentityCenterUserProfile("user-" + i, null, null, null, null)));
        }
        ids.forEach(id -> directory.addMembership(group, id));
        assertThat(members(group)).containsExactlyElementsOf(ids);
        assertThat(directory.userPages().toList()).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(directory.groupMembershipPages(group).mapToInt(List::size).sum())
                .isEqualTo(250);
        int maxChanges = StreamSupport.stream(emulator.state().path("requests").spliterator(), false)
                .mapToInt(r -> r.path("memberChanges").asInt())
                .max()
                .orElse(0);
        assertThat(maxChanges).as("member changes in one PATCH").isBetween(1, 100);
    }

    @Test
    void throttling_is429WithRetryAfter() {
        emulator.faults(Map.of("throttle", 1, "retryAfter", 2));
        assertThatThrownBy(() -> directory.createGroup("kiro-pro"))
                .isInstanceOfSatisfying(
                        IdentityCenterThrottled.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
        assertThat(directory.createGroup("kiro-pro")).isNotBlank();
    }

    /** The fault, and the {@code Retry-After} the emulator sends with it: seconds, or an HTTP date a minute ahead. */
    static Stream<Arguments> retryAfterAnswers() {
        String aMinuteAhead = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).withNano(0));
        return Stream.of(
                Arguments.of("throttle", 30, IdentityCenterThrottled.class),
                Arguments.of("throttle", aMinuteAhead, IdentityCenterThrottled.class),
                Arguments.of("error", 30, IdentityCenterUnavailable.class),
                Arguments.of("error", aMinuteAhead, IdentityCenterUnavailable.class));
    }

    @ParameterizedTest
    @MethodSource("retryAfterAnswers")
    void retryAfter_onA429OrA5xx_isReadAsSecondsOrAnHttpDate(
            String fault, Object retryAfter, Class<? extends IdentityCenterTransient> expected) {
        emulator.faults(Map.of(fault, 1, "retryAfter", retryAfter));
        assertThatThrownBy(() -> directory.createGroup("kiro-pro"))
                .isInstanceOfSatisfying(
                        expected,
                        e -> assertThat(e.retryAfter())
                                .hasValueSatisfying(
                                        d -> assertThat(d).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(60))));
    }

    @Test
    void serverErrors_timeouts_andCrashesAfterApply_areUnavailable_andTheRetryAdopts() {
        emulator.faults(Map.of("error", 1));
        assertThatThrownBy(() -> directory.createGroup("kiro-pro")).isInstanceOf(IdentityCenterUnavailable.class);
        assertThat(emulator.state().path("groups")).isEmpty();

        emulator.faults(Map.of("crashAfterApply", 1));
        assertThatThrownBy(() -> directory.createUser(new IdentityCenterUserProfile("ann", null, null, null, null)))
                .isInstanceOf(IdentityCenterUnavailable.class);
        assertThatThrownBy(() -> directory.createUser(new IdentityCenterUserProfile("ann", null, null, null, null)))
                .as("the retry")
                .isInstanceOf(IdentityCenterConflict.class);
        assertThat(directory.findUserIdByUserName("ann"))
                .contains(user("ann").path("id").asText());

        emulator.faults(Map.of("delay", 1, "delaySeconds", 2));
        assertThatThrownBy(() -> directory.createGroup("kiro-power")).isInstanceOf(IdentityCenterUnavailable.class);
        assertThat(directory.findGroupIdByDisplayName("kiro-power"))
                .as("applied before the timeout")
                .isPresent();
    }

    @Test
    void aRefusedToken_pausesWithoutSending_untilTheTokenFileChanges() throws Exception {
        directory.createGroup("kiro-pro");
        emulator.acceptTokens("token-two-rotated");
        assertThatThrownBy(() -> directory.findGroupIdByDisplayName("kiro-pro"))
                .isInstanceOf(IdentityCenterUnavailable.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining(TOKEN);
        Optional<String> paused = directory.pausedBecause();
        assertThat(paused).isPresent();
        assertThat(paused.get()).contains(tokenFile.toString()).doesNotContain(TOKEN);

        int before = requestCount();
        assertThatThrownBy(() -> directory.findGroupIdByDisplayName("kiro-pro"))
                .isInstanceOf(IdentityCenterUnavailable.class);
        assertThat(requestCount()).as("nothing sent while paused").isEqualTo(before);

        Path next = dir.resolve("scim-token.new");
        Files.writeString(next, "token-two-rotated\n");
        Files.move(
                next,
                tokenFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(directory.pausedBecause()).isEmpty();
        assertThat(directory.findGroupIdByDisplayName("kiro-pro")).isPresent();
    }

    @Test
    void userPages_readsProfilesBack() {
        directory.createUser(new IdentityCenterUserProfile("eve", "Eve E", "Eve", "Entra", "eve@example.com"));
        List<IdentityCenterUser> users =
                directory.userPages().flatMap(List::stream).toList();
        assertThat(users)
                .singleElement()
                .satisfies(u -> assertThat(u.profile())
                        .isEqualTo(new IdentityCenterUserProfile("eve", "Eve E", "Eve", "Entra", "eve@example.com")));
    }
}
