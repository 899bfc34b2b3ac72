package dev.kiroscim.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageImportJobTest {

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        "2026-12-01T02:59:00Z, 03:00, 2026-12-01T03:00:00Z",
        "2026-12-01T03:00:00Z, 03:00, 2026-12-02T03:00:00Z",
        "2026-12-01T23:00:00Z, 03:00, 2026-12-02T03:00:00Z",
        "2026-12-31T12:00:00Z, 00:30, 2027-01-01T00:30:00Z"
    })
    void nextRunIsTheNextImportTimeInUtc(String now, String at, String expected) {
        assertThat(UsageImportJob.nextRun(Instant.parse(now), LocalTime.parse(at)))
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void runsOncePerDayOnTheLeaseHolderWhenDue() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
        List<Runnable> scheduled = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        UsageImportJob.schedule(
                (name, every, task) -> {
                    assertThat(name).isEqualTo(UsageImportJob.NAME);
                    scheduled.add(task);
                },
                runs::incrementAndGet,
                LocalTime.of(3, 0),
                clock);
        Runnable check = scheduled.get(0);

        check.run(); // 02:00: not due
        clock.advance(Duration.ofMinutes(61)); // 03:01: due
        check.run();
        check.run(); // same minute: already done
        clock.advance(Duration.ofHours(12)); // 15:01: done for today
        check.run();
        assertThat(runs).hasValue(1);
        clock.advance(Duration.ofHours(12)); // next day 03:01
        check.run();
        assertThat(runs).hasValue(2);
    }
}
