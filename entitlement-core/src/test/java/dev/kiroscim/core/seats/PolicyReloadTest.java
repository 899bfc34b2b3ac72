package dev.kiroscim.core.seats;

import static dev.kiroscim.core.seats.SeatScenario.policy;
import static dev.kiroscim.core.seats.SeatScenario.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SeatAllocator#recomputeAll}: what a policy reload does to existing seats. */
class PolicyReloadTest {
    private static final String DEV = "Kiro-Developers";
    private static final String PLATFORM = "Kiro-Platform";

    private static SeatScenario fourDevelopers(Policy policy) {
        SeatScenario s = new SeatScenario(policy);
        s.at("09:00").hire("ann", DEV);
        s.at("09:01").hire("bob", DEV);
        s.at("09:02").hire("cid", DEV);
        s.at("09:03").hire("dan", DEV);
        return s;
    }

    @Test
    void loweringACapReleasesTheMostRecentlyAssignedHolders_whoWaitAgain() {
        SeatScenario s = fourDevelopers(policy(pool(DEV, "PRO", 4)));
        s.drainEvents();

        s.at("10:00").reload(policy(pool(DEV, "PRO", 2)));

        assertThat(s.ledger.seats().keySet()).containsExactly("ann", "bob");
        assertThat(s.drainEvents())
                .containsExactly(
                        "RELEASED dan Kiro-Developers PRO", "RELEASED cid Kiro-Developers PRO",
                        "WAITLISTED cid Kiro-Developers PRO", "WAITLISTED dan Kiro-Developers PRO");
        assertThat(s.entitlement("cid").waitlist()).containsExactly(new Entitlement.WaitlistPosition(DEV, 1));

        s.at("10:05").leave("ann", DEV);
        assertThat(s.ledger.seats().keySet()).as("FIFO again after the cut").containsExactly("bob", "cid");
    }

    @Test
    void raisingACapFillsFromTheQueue() {
        SeatScenario s = fourDevelopers(policy(pool(DEV, "PRO", 1)));

        s.reload(policy(pool(DEV, "PRO", 3)));

        assertThat(s.ledger.seats().keySet()).containsExactly("ann", "bob", "cid");
    }

    @Test
    void aPoolWhoseTierChangesKeepsItsHolders_andHoldersOfALowerTierMayNowMoveUp() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1), pool(PLATFORM, "PRO_PLUS", 1)));
        s.hire("ann", PLATFORM).at("09:01").hire("bob", DEV, PLATFORM);

        s.at("10:00").reload(policy(pool(DEV, "POWER", 1), pool(PLATFORM, "PRO_PLUS", 1)));

        assertThat(s.seat("bob")).isEqualTo(DEV + "/POWER");
        assertThat(s.ledger.seatOf("bob").orElseThrow().assignedAt())
                .as("kept, not re-granted")
                .isEqualTo(s.now.minus(Duration.ofMinutes(59)));
        assertThat(s.entitlement("bob").waitlist()).isEmpty();
    }

    @Test
    void removingAPoolReleasesItsSeats_andItsHoldersFallBackToOtherPools() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 5), pool(PLATFORM, "PRO_PLUS", 5)));
        s.hire("ann", DEV, PLATFORM);
        s.drainEvents();

        s.reload(policy(pool(DEV, "PRO", 5)));

        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
        assertThat(s.drainEvents())
                .containsExactly("RELEASED ann Kiro-Platform PRO_PLUS", "PROMOTED ann Kiro-Developers PRO");
    }

    @Test
    void shorteningMaxGrantExpiresSeatsPastTheNewDeadline() {
        SeatScenario s = fourDevelopers(policy(pool(DEV, "PRO", 2)));

        s.at("09:10").reload(policy(pool(DEV, "PRO", 2, Duration.ofSeconds(570))));

        assertThat(s.entitlement("ann").state()).isEqualTo(Entitlement.State.EXPIRED);
        assertThat(s.ledger.seats().keySet()).containsExactly("bob", "cid");
        assertThat(s.ledger.seatOf("bob").orElseThrow().expiresAt())
                .contains(SeatScenario.T0.plus(Duration.ofSeconds(60 + 570)));
        assertThat(s.ledger.seatOf("cid").orElseThrow().expiresAt()).contains(s.now.plus(Duration.ofSeconds(570)));
    }

    @Test
    void reloadingTheSamePolicyChangesNothing() {
        Policy same = policy(pool(DEV, "PRO", 2), pool(PLATFORM, "PRO_PLUS", 1));
        SeatScenario s = fourDevelopers(same);
        InMemorySeatLedger.Snapshot before = s.ledger.snapshot();
        s.drainEvents();

        s.at("11:00").reload(same);

        assertThat(s.ledger.snapshot()).isEqualTo(before);
        assertThat(s.drainEvents()).isEqualTo(List.of());
    }
}
