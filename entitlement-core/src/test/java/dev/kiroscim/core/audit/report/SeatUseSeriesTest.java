package dev.kiroscim.core.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.policy.Policy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The console's daily seat series against the holders report, an independent replay of the same events. */
class SeatUseSeriesTest {

    private static final Instant NOW = Instant.parse("2026-11-05T12:00:00Z");

    @Test
    void everyDayEqualsTheHoldersReportAtThatDaysEnd() {
        SeatUseSeries.Result r =
                SeatUseSeries.of(SeatHistory.of(ScriptedOctober.events()), LocalDate.of(2026, 9, 25), NOW);
        assertThat(r.days()).first().isEqualTo(LocalDate.of(2026, 9, 25));
        assertThat(r.days()).last().isEqualTo(LocalDate.of(2026, 11, 5));
        for (int i = 0; i < r.days().size(); i++) {
            LocalDate day = r.days().get(i);
            Instant end =
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
            Instant at = end.isAfter(NOW) ? NOW : end;
            List<HoldersReport.Holder> holders =
                    HoldersReport.at(ScriptedOctober.events(), at, null, TierPrices.of(Policy.builtInDefault()));
            Map<String, Long> byTier =
                    holders.stream().collect(Collectors.groupingBy(HoldersReport.Holder::tier, Collectors.counting()));
            int index = i;
            r.tiers()
                    .forEach((tier, counts) -> assertThat((long) counts[index])
                            .as("%s on %s", tier, day)
                            .isEqualTo(byTier.getOrDefault(tier, 0L)));
            assertThat(r.pools().values().stream().mapToInt(c -> c[index]).sum())
                    .as("all pools on %s", day)
                    .isEqualTo(holders.size());
        }
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of(LocalDate.of(2026, 11, 5), 1), // today only
                Arguments.of(LocalDate.of(2026, 8, 8), 90), // the console's 90 days
                Arguments.of(LocalDate.of(2026, 11, 6), 0)); // starts after today: empty
    }

    @ParameterizedTest
    @MethodSource("windows")
    void oneValuePerDayFromTheFirstDayToToday(LocalDate from, int days) {
        SeatUseSeries.Result r = SeatUseSeries.of(SeatHistory.of(ScriptedOctober.events()), from, NOW);
        assertThat(r.days()).hasSize(days);
        r.pools().values().forEach(counts -> assertThat(counts).hasSize(days));
    }

    @Test
    void noEventsGiveNoSeries() {
        SeatUseSeries.Result r = SeatUseSeries.of(SeatHistory.of(List.of()), LocalDate.of(2026, 11, 1), NOW);
        assertThat(r.pools()).isEmpty();
        assertThat(r.tiers()).isEmpty();
        assertThat(r.days()).hasSize(5);
    }
}
