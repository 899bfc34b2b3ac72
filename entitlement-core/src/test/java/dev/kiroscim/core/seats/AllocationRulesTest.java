package dev.kiroscim.core.seats;

import static dev.kiroscim.core.seats.SeatScenario.policy;
import static dev.kiroscim.core.seats.SeatScenario.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.policy.Pool;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test (or table) per allocation rule of issue 4, numbered as in docs/entitlements.md. */
class AllocationRulesTest {
    private static final String DEV = "Kiro-Developers";
    private static final String PLATFORM = "Kiro-Platform";
    private static final String POWER = "Kiro-Power";

    /** Rule 1: each way of stopping to count releases the seat, and the waiter behind gets it. */
    @ParameterizedTest(name = "{0} releases the seat")
    @CsvSource({"deactivate", "delete", "leave"})
    void rule1_onlyActiveMembersHoldSeats(String how) {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1)));
        s.hire("ann", DEV).advance(Duration.ofMinutes(1)).hire("bob", DEV);
        assertThat(s.seat("bob")).isEqualTo("-");

        Consumer<String> stop = switch (how) {
            case "deactivate" -> s::deactivate;
            case "delete" -> s::delete;
            default -> u -> s.leave(u, DEV);
        };
        s.drainEvents();
        stop.accept("ann");

        assertThat(s.seat("ann")).isEqualTo("-");
        assertThat(s.seat("bob")).isEqualTo(DEV + "/PRO");
        assertThat(s.drainEvents()).containsExactly("RELEASED ann " + DEV + " PRO", "PROMOTED bob " + DEV + " PRO");
    }

    @Test
    void rule1_inactiveMembersNeitherHoldNorWait() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1)));
        s.ledger.putUser("ann", false);
        s.join("ann", DEV);

        assertThat(s.seat("ann")).isEqualTo("-");
        assertThat(s.entitlement("ann").state()).isEqualTo(Entitlement.State.NONE);

        s.reactivate("ann");
        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
    }

    @Test
    void rule2_oneSeatPerUser_theHighestTierWithRoom() {
        SeatScenario s =
                new SeatScenario(policy(pool(DEV, "PRO", 5), pool(PLATFORM, "PRO_PLUS", 1), pool(POWER, "POWER", 0)));

        s.hire("ann", DEV, PLATFORM, POWER);
        s.advance(Duration.ofMinutes(1)).hire("bob", DEV, PLATFORM);

        assertThat(s.seat("ann")).as("POWER has no room, PRO_PLUS does").isEqualTo(PLATFORM + "/PRO_PLUS");
        assertThat(s.seat("bob")).as("PRO_PLUS is full, so the lower tier").isEqualTo(DEV + "/PRO");
        assertThat(s.ledger.countAssigned(DEV) + s.ledger.countAssigned(PLATFORM))
                .isEqualTo(2);
    }

    @Test
    void rule2_equalTiersGoToTheFirstPoolInFileOrder_andNobodyWaitsSideways() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1), pool("Kiro-Contractors", "PRO", 1)));
        s.hire("ann", DEV, "Kiro-Contractors");
        s.advance(Duration.ofMinutes(1)).hire("bob", DEV, "Kiro-Contractors");

        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
        assertThat(s.seat("bob")).isEqualTo("Kiro-Contractors/PRO");
        assertThat(s.entitlement("bob").waitlist())
                .as("holding PRO, bob does not wait for another PRO seat")
                .isEmpty();
    }

    @Test
    void rule3_fifoByJoinTimeTieBrokenByUserId() {
        SeatScenario s = new SeatScenario(policy(pool(PLATFORM, "PRO_PLUS", 2)));
        // One step in which three users are already members: cid joined first, then bob and ann at the same instant.
        Instant early = SeatScenario.T0;
        Instant later = early.plusSeconds(30);
        for (String u : List.of("ann", "bob", "cid")) {
            s.ledger.putUser(u, true);
        }
        s.ledger.join("bob", PLATFORM, later);
        s.ledger.join("ann", PLATFORM, later);
        s.ledger.join("cid", PLATFORM, early);
        s.at("09:01").settle("bob", "cid", "ann");

        assertThat(s.seat("cid")).as("joined first").isEqualTo(PLATFORM + "/PRO_PLUS");
        assertThat(s.seat("ann")).as("same time as bob, smaller id").isEqualTo(PLATFORM + "/PRO_PLUS");
        assertThat(s.seat("bob")).isEqualTo("-");
        assertThat(s.entitlement("bob").waitlist()).containsExactly(new Entitlement.WaitlistPosition(PLATFORM, 1));
    }

    @Test
    void rule3_noPreemption_anEarlierJoinerWhoComesBackWaitsAtTheFrontButTakesNoSeat() {
        SeatScenario s = new SeatScenario(policy(pool(PLATFORM, "PRO_PLUS", 1)));
        s.hire("ann", PLATFORM).deactivate("ann");
        s.at("09:05").hire("bob", PLATFORM);
        s.at("09:06").hire("cid", PLATFORM);

        s.at("09:10").reactivate("ann");

        assertThat(s.seat("bob")).isEqualTo(PLATFORM + "/PRO_PLUS");
        assertThat(s.entitlement("ann").waitlist()).containsExactly(new Entitlement.WaitlistPosition(PLATFORM, 1));
        assertThat(s.entitlement("cid").waitlist()).containsExactly(new Entitlement.WaitlistPosition(PLATFORM, 2));
    }

    @Test
    void rule4_aFreedSeatGoesAtOnceToTheLongestWaitingEligibleUser() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1)));
        s.hire("ann", DEV);
        s.at("09:01").hire("bob", DEV);
        s.at("09:02").hire("cid", DEV);
        s.at("09:03").deactivate("bob");

        s.at("09:04").leave("ann", DEV);

        assertThat(s.seat("bob")).as("bob waited longest but is inactive").isEqualTo("-");
        assertThat(s.seat("cid")).isEqualTo(DEV + "/PRO");
        assertThat(s.ledger.seatOf("cid").orElseThrow().assignedAt()).isEqualTo(s.now);
    }

    /** The worked example of docs/entitlements.md. */
    @Test
    void rule5_waiterInAHigherPoolKeepsTheLowerSeat_andMovingUpCascades() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1), pool(PLATFORM, "PRO_PLUS", 1)));

        s.at("09:00").hire("ann", PLATFORM);
        s.at("09:01").hire("bob", DEV);
        s.at("09:02").join("bob", PLATFORM);
        s.at("09:03").hire("cid", DEV);
        assertThat(s.drainEvents())
                .containsExactly(
                        "ASSIGNED ann Kiro-Platform PRO_PLUS",
                        "ASSIGNED bob Kiro-Developers PRO",
                        "WAITLISTED bob Kiro-Platform PRO_PLUS",
                        "WAITLISTED cid Kiro-Developers PRO");
        assertThat(s.entitlement("bob"))
                .isEqualTo(new Entitlement(
                        "bob",
                        Entitlement.State.ASSIGNED,
                        Optional.of("PRO"),
                        Optional.of(DEV),
                        Optional.of(Instant.parse("2026-01-05T09:01:00Z")),
                        Optional.empty(),
                        List.of(new Entitlement.WaitlistPosition(PLATFORM, 1))));

        s.at("09:04").deactivate("ann");

        assertThat(s.events)
                .extracting(SeatEvent::reason)
                .containsExactly(
                        "the user is inactive or deleted",
                        "moved up to Kiro-Platform",
                        "moved up from PRO",
                        "first in the queue when a seat freed");
        assertThat(s.drainEvents())
                .containsExactly(
                        "RELEASED ann Kiro-Platform PRO_PLUS",
                        "RELEASED bob Kiro-Developers PRO",
                        "PROMOTED bob Kiro-Platform PRO_PLUS",
                        "PROMOTED cid Kiro-Developers PRO");
        assertThat(List.of(s.seat("ann"), s.seat("bob"), s.seat("cid")))
                .containsExactly("-", PLATFORM + "/PRO_PLUS", DEV + "/PRO");
    }

    @Test
    void rule5_threeTierCascade() {
        SeatScenario s =
                new SeatScenario(policy(pool(DEV, "PRO", 1), pool(PLATFORM, "PRO_PLUS", 1), pool(POWER, "POWER", 1)));
        s.hire("ann", POWER);
        s.at("09:01").hire("bob", PLATFORM, POWER);
        s.at("09:02").hire("cid", DEV, PLATFORM);
        s.at("09:03").hire("dan", DEV);
        assertThat(List.of(s.seat("bob"), s.seat("cid"), s.seat("dan")))
                .containsExactly(PLATFORM + "/PRO_PLUS", DEV + "/PRO", "-");

        s.at("09:04").leave("ann", POWER);

        assertThat(List.of(s.seat("bob"), s.seat("cid"), s.seat("dan")))
                .containsExactly(POWER + "/POWER", PLATFORM + "/PRO_PLUS", DEV + "/PRO");
    }

    @Test
    void rule6_maxGrantExpires_userStopsWaiting_andRejoiningStartsANewGrant() {
        Pool contractors = pool("Kiro-Contractors", "PRO", 1, Duration.ofDays(90));
        SeatScenario s = new SeatScenario(policy(contractors));
        s.hire("ann", "Kiro-Contractors");
        s.at("09:01").hire("bob", "Kiro-Contractors");
        Instant deadline = SeatScenario.T0.plus(Duration.ofDays(90));
        assertThat(s.entitlement("ann").expiresAt()).contains(deadline);

        s.now = deadline.minusSeconds(1);
        s.expireDue();
        assertThat(s.seat("ann")).as("not yet due").isEqualTo("Kiro-Contractors/PRO");

        s.now = deadline.plusSeconds(30);
        s.drainEvents();
        s.expireDue();
        assertThat(s.drainEvents())
                .containsExactly("EXPIRED ann Kiro-Contractors PRO", "PROMOTED bob Kiro-Contractors PRO");
        assertThat(s.entitlement("ann"))
                .isEqualTo(new Entitlement(
                        "ann",
                        Entitlement.State.EXPIRED,
                        Optional.of("PRO"),
                        Optional.of("Kiro-Contractors"),
                        Optional.of(deadline),
                        Optional.empty(),
                        List.of()));
        assertThat(s.ledger.seatOf("bob").orElseThrow().expiresAt()).contains(s.now.plus(Duration.ofDays(90)));

        s.leave("ann", "Kiro-Contractors").join("ann", "Kiro-Contractors");
        assertThat(s.entitlement("ann").state())
                .as("a new grant, waiting behind bob")
                .isEqualTo(Entitlement.State.WAITLISTED);
        s.leave("bob", "Kiro-Contractors");
        assertThat(s.ledger.seatOf("ann").orElseThrow().expiresAt()).contains(s.now.plus(Duration.ofDays(90)));
    }

    @Test
    void rule6_expiryInOnePoolLeavesOtherPoolsOpen() {
        SeatScenario s =
                new SeatScenario(policy(pool(PLATFORM, "PRO_PLUS", 1, Duration.ofSeconds(5)), pool(DEV, "PRO", 1)));
        s.hire("ann", PLATFORM, DEV);
        s.advance(Duration.ofSeconds(5)).expireDue();

        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
        assertThat(s.entitlement("ann").waitlist())
                .as("expired in Kiro-Platform, so not waiting there")
                .isEmpty();
    }

    @Test
    void rule7_capsAreNeverExceeded_evenWhenManyArriveInOneStep() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 2), pool(PLATFORM, "PRO_PLUS", 0)));
        LinkedHashSet<String> users = new LinkedHashSet<>();
        for (int i = 0; i < 10; i++) {
            String u = "u" + i;
            users.add(u);
            s.ledger.putUser(u, true);
            s.ledger.join(u, DEV, s.now);
            s.ledger.join(u, PLATFORM, s.now);
        }
        s.allocator.settle(s.policy, users, s.now);

        assertThat(s.ledger.countAssigned(DEV)).isEqualTo(2);
        assertThat(s.ledger.countAssigned(PLATFORM)).isZero();
        assertThat(s.ledger.seats().keySet()).containsExactly("u0", "u1");
    }

    @Test
    void rule8_theResultDependsOnTheStateNotOnTheOrderOfTouchedUsers() {
        InMemorySeatLedger.Snapshot forward = null;
        for (List<String> order : List.of(List.of("ann", "bob", "cid", "dan"), List.of("dan", "cid", "bob", "ann"))) {
            SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 2), pool(PLATFORM, "PRO_PLUS", 1)));
            for (String u : order) {
                s.ledger.putUser(u, true);
                s.ledger.join(u, DEV, s.now);
                if (!u.equals("cid")) {
                    s.ledger.join(u, PLATFORM, s.now);
                }
            }
            s.allocator.settle(s.policy, new LinkedHashSet<>(order), s.now);
            if (forward == null) {
                forward = s.ledger.snapshot();
            } else {
                assertThat(s.ledger.snapshot()).isEqualTo(forward);
            }
        }
        assertThat(forward.seats().keySet()).containsExactly("ann", "bob", "cid");
    }

    @Test
    void rule8_unrelatedRequestsCommute() {
        InMemorySeatLedger.Snapshot first = null;
        for (boolean annFirst : new boolean[] {true, false}) {
            SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1), pool(PLATFORM, "PRO_PLUS", 1)));
            s.hire("ann", DEV)
                    .hire("bob", PLATFORM)
                    .at("09:01")
                    .hire("cid", DEV)
                    .hire("dan", PLATFORM)
                    .at("09:02");
            if (annFirst) {
                s.leave("ann", DEV).deactivate("bob");
            } else {
                s.deactivate("bob").leave("ann", DEV);
            }
            if (first == null) {
                first = s.ledger.snapshot();
            } else {
                assertThat(s.ledger.snapshot()).isEqualTo(first);
            }
        }
        assertThat(first.seats().keySet()).containsExactly("cid", "dan");
    }

    @Test
    void groupsMatchPoolsCaseInsensitively() {
        SeatScenario s = new SeatScenario(policy(pool(DEV, "PRO", 1)));
        s.hire("ann", "KIRO-developers");

        assertThat(s.seat("ann")).isEqualTo(DEV + "/PRO");
        s.leave("ann", "kiro-DEVELOPERS");
        assertThat(s.seat("ann")).isEqualTo("-");
    }

    @Test
    void aLedgerThatOffersASidewaysMoveFailsTheStepInsteadOfLooping() {
        InMemorySeatLedger real = new InMemorySeatLedger();
        real.putUser("ann", true);
        real.join("ann", DEV, SeatScenario.T0);
        real.join("ann", "Kiro-Contractors", SeatScenario.T0);
        real.assign(new Seat("ann", "Kiro-Contractors", "PRO", SeatScenario.T0, Optional.empty()));
        SeatLedger broken = (SeatLedger) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {SeatLedger.class},
                (proxy, method, args) -> method.getName().equals("firstWaiting")
                        ? List.of(new Waiter("ann", SeatScenario.T0))
                        : method.invoke(real, args));

        assertThatThrownBy(() -> new SeatAllocator(broken)
                        .settle(
                                policy(pool(DEV, "PRO", 1), pool("Kiro-Contractors", "PRO", 1)),
                                Set.of("ann"),
                                SeatScenario.T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned ann, who already holds PRO");
    }
}
