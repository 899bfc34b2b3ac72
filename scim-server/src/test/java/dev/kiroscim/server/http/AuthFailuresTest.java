package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link AuthFailures}: one audit event per address (or token) per window, carrying the count it held back. */
class AuthFailuresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FakeTokenDatabase database = new FakeTokenDatabase();
    private final AuthFailures failures = new AuthFailures(database, clock);

    @Test
    void fiveHundredFailuresInAMinuteWriteOneEventAndTheNextCarriesTheCount() {
        long written = IntStream.range(0, 500)
                .filter(i -> failures.record("10.0.0.7", "invalid credentials", "r" + i))
                .count();
        assertThat(written).isEqualTo(1);
        assertThat(database.audited).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AuditEvents.AUTH_FAILED);
            assertThat(e.requestId()).isEqualTo("r0");
            assertThat(e.details())
                    .containsEntry("reason", "invalid credentials")
                    .containsEntry("suppressedBefore", 0L);
        });

        clock.advance(AuthFailures.WINDOW);
        assertThat(failures.record("10.0.0.7", "no credentials", "r500")).isTrue();

        assertThat(database.audited).hasSize(2);
        assertThat(database.audited.get(1).details()).containsEntry("suppressedBefore", 499L);
    }

    @Test
    void windowsArePerAddress() {
        assertThat(failures.record("10.0.0.7", "invalid credentials", "a")).isTrue();
        assertThat(failures.record("10.0.0.8", "invalid credentials", "b")).isTrue();
        assertThat(failures.record(null, "invalid credentials", "c")).isTrue();
        assertThat(failures.record(null, "invalid credentials", "d")).isFalse();
        assertThat(database.audited)
                .extracting(FakeTokenDatabase.Audited::requestId)
                .containsExactly("a", "b", "c");
    }

    @Test
    void throttlingIsAuditedPerTokenForRateLimitsAndPerAddressForBackoff() {
        assertThat(failures.throttled("10.0.0.7", "rate-limit", "okta", 2, "a")).isTrue();
        assertThat(failures.throttled("10.0.0.8", "rate-limit", "okta", 2, "b"))
                .as("the same token from another address")
                .isFalse();
        assertThat(failures.throttled("10.0.0.7", "rate-limit", "entra", 2, "c"))
                .isTrue();
        assertThat(failures.throttled("10.0.0.7", "auth-backoff", null, 4, "d")).isTrue();
        assertThat(failures.record("10.0.0.7", "invalid credentials", "e"))
                .as("failures and throttling have separate windows")
                .isTrue();

        assertThat(database.audited)
                .extracting(FakeTokenDatabase.Audited::type)
                .containsExactly(
                        AuditEvents.AUTH_THROTTLED,
                        AuditEvents.AUTH_THROTTLED,
                        AuditEvents.AUTH_THROTTLED,
                        AuditEvents.AUTH_FAILED);
        assertThat(database.audited.get(2).details())
                .containsEntry("reason", "auth-backoff")
                .containsEntry("retryAfterSeconds", 4L);
    }

    @Test
    void anAuditLogThatCannotWriteNeverTurnsTheRefusalIntoAnError() {
        database.writesFail = true;

        assertThat(failures.record("10.0.0.7", "invalid credentials", "a")).isFalse();
        assertThat(failures.throttled("10.0.0.7", "rate-limit", "okta", 1, "b")).isFalse();

        database.writesFail = false;
        clock.advance(Duration.ofMinutes(1));
        assertThat(failures.record("10.0.0.7", "invalid credentials", "c")).isTrue();
    }
}
