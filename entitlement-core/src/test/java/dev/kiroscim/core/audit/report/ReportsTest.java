package dev.kiroscim.core.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kiroscim.core.policy.Policy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Report numbers against the hand-computed answers of {@link ScriptedOctober}. */
class ReportsTest {

    static Stream<Arguments> holders() {
        return Stream.of(
                Arguments.of("2026-10-01T00:00:00Z", null, List.of("frank@example.com:POWER", "alice@example.com:PRO")),
                Arguments.of("2026-10-01T00:00:00Z", "POWER", List.of("frank@example.com:POWER")),
                Arguments.of("2026-09-30T23:59:58Z", null, List.of("alice@example.com:PRO", "dave@example.com:PRO")),
                Arguments.of("2026-10-15T08:59:59Z", "PRO_PLUS", List.of("bob@example.com:PRO_PLUS")),
                Arguments.of("2026-10-15T09:00:00Z", "PRO_PLUS", List.of()),
                Arguments.of(
                        "2026-10-10T12:00:00Z",
                        null,
                        List.of("alice@example.com:POWER", "frank@example.com:POWER", "bob@example.com:PRO_PLUS")));
    }

    @ParameterizedTest(name = "at {0} tier {1}")
    @MethodSource("holders")
    void holdersAtAnInstant(String at, String tier, List<String> expected) {
        List<HoldersReport.Holder> holders = HoldersReport.at(
                ScriptedOctober.events(), Instant.parse(at), tier, TierPrices.of(Policy.builtInDefault()));
        assertThat(holders).extracting(h -> h.userName() + ":" + h.tier()).containsExactlyElementsOf(expected);
    }

    @Test
    void seatDaysAndCostFollowTheHighestTierRule() {
        SeatsReport.Result r = SeatsReport.of(
                ScriptedOctober.events(), YearMonth.of(2026, 10), TierPrices.of(Policy.builtInDefault()));
        assertThat(r.tiers())
                .extracting(
                        SeatsReport.TierLine::tier,
                        SeatsReport.TierLine::seatDays,
                        SeatsReport.TierLine::billedUsers,
                        t -> t.costUsd().intValueExact())
                .containsExactly(
                        tuple("PRO", 11L, 1, 20),
                        tuple("PRO_PLUS", 11L, 1, 40),
                        tuple("PRO_MAX", 0L, 0, 0),
                        tuple("POWER", 47L, 2, 400));
        assertThat(r.billedUsers()).isEqualTo(4);
        assertThat(r.totalCostUsd()).isEqualByComparingTo("460");
    }

    @Test
    void aMonthWithoutSeatsCostsNothing() {
        SeatsReport.Result r =
                SeatsReport.of(ScriptedOctober.events(), YearMonth.of(2026, 7), TierPrices.of(Policy.builtInDefault()));
        assertThat(r.totalCostUsd()).isEqualByComparingTo("0");
        assertThat(r.tiers()).allSatisfy(t -> assertThat(t.seatDays()).isZero());
    }

    @Test
    void offboardingLatencyMedianAndMax() {
        OffboardingReport.Result r = OffboardingReport.of(
                ScriptedOctober.events(), Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(r.users())
                .extracting(
                        OffboardingReport.Row::userName,
                        OffboardingReport.Row::how,
                        OffboardingReport.Row::hadSeat,
                        row -> String.valueOf(row.seatReleasedAt()),
                        row -> row.latencySeconds() == null
                                ? null
                                : row.latencySeconds().toPlainString())
                .containsExactly(
                        tuple("bob@example.com", "deactivated", true, "2026-10-15T09:00:00Z", "4.500"),
                        tuple("dave@example.com", "deleted", false, "null", null),
                        tuple("frank@example.com", "deactivated", true, "2026-10-25T10:00:00Z", "60.000"));
        assertThat(r.medianSeconds()).isEqualByComparingTo(new BigDecimal("32.250"));
        assertThat(r.maxSeconds()).isEqualByComparingTo(new BigDecimal("60.000"));
        assertThat(r.pending()).isZero();
    }

    @Test
    void aUserStillInIdentityCenterIsPending() {
        OffboardingReport.Result r = OffboardingReport.of(
                ScriptedOctober.events().subList(0, 10),
                Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(r.users()).singleElement().satisfies(row -> {
            assertThat(row.pending()).isTrue();
            assertThat(row.latencySeconds()).isNull();
        });
        assertThat(r.pending()).isEqualTo(1);
        assertThat(r.medianSeconds()).isNull();
    }
}
