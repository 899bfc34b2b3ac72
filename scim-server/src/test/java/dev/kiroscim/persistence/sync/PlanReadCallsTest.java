package dev.kiroscim.persistence.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.adapter.scim.ScimDirectory;
import dev.kiroscim.adapter.scim.ScimDirectoryConfig;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.sync.IdentityCenterDirectory;
import dev.kiroscim.core.sync.engine.SyncPlan;
import dev.kiroscim.core.sync.engine.SyncSettings;
import dev.kiroscim.core.sync.fake.InMemoryIdentityCenter;
import dev.kiroscim.core.testsupport.ScimEmulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plan}'s {@code readCalls} is the number of requests the downstream really received while the plan was built,
 * in both modes: the Identity Store API (the in-memory directory counts one call per API call; pages of 2 here) and
 * SCIM (the emulator of Identity Center's dialect logs every request), where checking memberships costs one request
 * per user and tier group. Each is checked on an empty directory (the tier groups are looked up and not found) and
 * after the sync converged (the group ids are known, so they cost nothing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanReadCallsTest {

    private static final String TOKEN = "plan-token";
    private static final List<String> TIERS = List.of("PRO", "PRO_PLUS", "PRO_MAX", "POWER");
    private static final int USERS = 7;

    @TempDir
    Path dir;

    private ScimEmulatorServer emulator;
    private SyncHarness h;

    /** A directory and a count of the requests it has received so far. */
    private record Downstream(IdentityCenterDirectory store, IntSupplier requests) {}

    @AfterEach
    void closeHarness() {
        if (h != null) {
            h.close();
        }
    }

    @AfterAll
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    Stream<Arguments> modes() {
        return Stream.of(Arguments.of("api"), Arguments.of("scim"));
    }

    private Downstream downstream(String mode) throws Exception {
        if (mode.equals("api")) {
            InMemoryIdentityCenter store = new InMemoryIdentityCenter(2);
            return new Downstream(store, store::totalCalls);
        }
        if (emulator == null) {
            emulator = ScimEmulatorServer.start(ScimEmulatorServer.defaultScript(), TOKEN);
        }
        emulator.reset();
        emulator.acceptTokens(TOKEN);
        Path tokenFile = Files.writeString(dir.resolve("scim-token"), TOKEN + "\n");
        ScimDirectory store = new ScimDirectory(
                new ScimDirectoryConfig(emulator.scimBase(), tokenFile, 10),
                () -> {},
                Clock.systemUTC(),
                Duration.ofSeconds(5));
        return new Downstream(store, () -> emulator.state().path("requests").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void readCallsAreTheRequestsThePlanMade(String mode) throws Exception {
        Downstream down = downstream(mode);
        h = new SyncHarness(down.store(), SyncSettings.defaults(), Policy.builtInDefault());
        for (int i = 0; i < USERS; i++) {
            String userName = "user" + i + "@example.com";
            h.putUser(userName, "User", Integer.toString(i), true);
            h.seat(userName, TIERS.get(i % TIERS.size()));
        }

        int before = down.requests().getAsInt();
        SyncPlan empty = h.sync.plan();
        assertThat(empty.groupsToCreate()).hasSize(TIERS.size());
        assertThat(empty.readCalls())
                .as("plan on an empty directory: %s", mode)
                .isEqualTo(down.requests().getAsInt() - before);

        h.converge();
        before = down.requests().getAsInt();
        SyncPlan converged = h.sync.plan();
        assertThat(converged.calls()).isEmpty();
        assertThat(converged.readCalls())
                .as("plan after converging: %s", mode)
                .isEqualTo(down.requests().getAsInt() - before);
        int groups = TIERS.size();
        int expected = mode.equals("api")
                // a users page per 2, a memberships page per 2 members of each group (at least one page)
                ? ceil(USERS, 2)
                        + TIERS.stream()
                                .mapToInt(t -> Math.max(1, ceil(membersOf(t), 2)))
                                .sum()
                // one users page for the listing, and per group one users page and one check per user
                : 1 + groups * (1 + USERS);
        assertThat(converged.readCalls())
                .as("the documented cost in %s mode", mode)
                .isEqualTo(expected);
    }

    private static int membersOf(String tier) {
        int index = TIERS.indexOf(tier);
        return (int) java.util.stream.IntStream.range(0, USERS)
                .filter(i -> i % TIERS.size() == index)
                .count();
    }

    private static int ceil(int n, int pageSize) {
        return (n + pageSize - 1) / pageSize;
    }
}
