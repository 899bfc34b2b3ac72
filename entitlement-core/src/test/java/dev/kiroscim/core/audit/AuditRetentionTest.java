package dev.kiroscim.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code audit.retention}: the date part counts on the UTC calendar, the time part exactly; a year is never 372 days. */
class AuditRetentionTest {

    @ParameterizedTest(name = "{0} at {1} prunes before {2}")
    @CsvSource({
        "P1Y,       2027-03-01T10:00:00Z, 2026-03-01T10:00:00Z", // 365 days
        "P1Y,       2024-03-01T10:00:00Z, 2023-03-01T10:00:00Z", // 366 days: spans 2024-02-29
        "P1M,       2026-03-31T10:00:00Z, 2026-02-28T10:00:00Z", // the month's last day when it is shorter
        "P400D,     2027-03-01T10:00:00Z, 2026-01-25T10:00:00Z",
        "PT12H,     2027-03-01T10:00:00Z, 2027-02-28T22:00:00Z",
        "P1DT12H,   2027-03-01T10:00:00Z, 2027-02-27T22:00:00Z",
        "p2y,       2027-03-01T10:00:00Z, 2025-03-01T10:00:00Z"
    })
    void cutoff(String text, String now, String cutoff) {
        assertThat(AuditRetention.parse(text).cutoff(Instant.parse(now))).isEqualTo(Instant.parse(cutoff));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "PT0S", "P-1D", "soon", "400", "P1Y2"})
    void rejectsWhatIsNotAPositiveDuration(String text) {
        assertThatThrownBy(() -> AuditRetention.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1Y", "P400D", "PT12H", "P1Y6MT12H"})
    void printsAsWritten(String text) {
        assertThat(AuditRetention.parse(text)).hasToString(text);
    }

    @org.junit.jupiter.api.Test
    void anExactDurationIsATimePart() {
        assertThat(AuditRetention.of(Duration.ofDays(5)))
                .isEqualTo(new AuditRetention(Period.ZERO, Duration.ofDays(5)));
    }
}
