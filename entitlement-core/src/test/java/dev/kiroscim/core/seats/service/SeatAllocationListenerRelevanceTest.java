package dev.kiroscim.core.seats.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.directory.GroupRecord;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.directory.events.DirectoryChange;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which directory changes make the allocation listener take the allocation lock. */
class SeatAllocationListenerRelevanceTest {

    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");

    private static UserRecord user(boolean active, String displayName) {
        return new UserRecord("u1", "ann@example.com", null, displayName, active, "{}", 1, T, T);
    }

    private static final GroupRecord GROUP = new GroupRecord("g1", "Kiro-Developers", null, "{}", 1, T, T);

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("user created (no groups yet)", new DirectoryChange.UserCreated(user(true, "Ann")), false),
                Arguments.of(
                        "profile update",
                        new DirectoryChange.UserUpdated(user(true, "Ann"), user(true, "Ann E.")),
                        false),
                Arguments.of(
                        "deactivation", new DirectoryChange.UserUpdated(user(true, "Ann"), user(false, "Ann")), true),
                Arguments.of(
                        "reactivation", new DirectoryChange.UserUpdated(user(false, "Ann"), user(true, "Ann")), true),
                Arguments.of("user deleted", new DirectoryChange.UserDeleted(user(true, "Ann"), List.of("g1")), true),
                Arguments.of("members added", new DirectoryChange.MembersAdded(GROUP, List.of("u1")), true),
                Arguments.of("members removed", new DirectoryChange.MembersRemoved(GROUP, List.of("u1")), true),
                Arguments.of("group renamed", new DirectoryChange.GroupUpdated(GROUP, GROUP), true),
                Arguments.of("group deleted", new DirectoryChange.GroupDeleted(GROUP, List.of("u1")), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void onlyChangesThatCanMoveASeatTakeTheLock(String name, DirectoryChange change, boolean relevant) {
        assertThat(SeatAllocationListener.mayAffectSeats(change)).isEqualTo(relevant);
    }
}
