package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The failed-authentication backoff and the per-token rate limit, on a virtual clock. */
class ThrottlesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void backoffStartsAfterTheFreeFailuresAndDoublesUpToTheCap() {
        AuthBackoff backoff = new AuthBackoff();
        List<Long> started = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < AuthBackoff.FREE_FAILURES + 12; i++) {
            now = now.plus(backoff.remaining("198.51.100.7", now)); // a patient attacker waits out each backoff
            started.add(backoff.failed("198.51.100.7", now).toSeconds());
        }
        assertThat(started.subList(0, AuthBackoff.FREE_FAILURES)).containsOnly(0L);
        assertThat(started.subList(AuthBackoff.FREE_FAILURES, started.size()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(backoff.remaining("198.51.100.7", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.remaining("203.0.113.1", now))
                .as("other addresses are not affected")
                .isZero();
    }

    @Test
    void aQuietPeriodOrASuccessStartsOver() {
        AuthBackoff backoff = new AuthBackoff();
        for (int i = 0; i <= AuthBackoff.FREE_FAILURES; i++) {
            backoff.failed("a", T0);
        }
        assertThat(backoff.remaining("a", T0)).isPositive();
        Instant later = T0.plus(AuthBackoff.FORGET_AFTER).plusSeconds(1);
        assertThat(backoff.failed("a", later))
                .as("after a quiet period the failures are free again")
                .isZero();

        for (int i = 0; i <= AuthBackoff.FREE_FAILURES; i++) {
            backoff.failed("b", T0);
        }
        backoff.succeeded("b", "hash-of-okta");
        assertThat(backoff.remaining("b", T0)).isZero();
        assertThat(backoff.knownGood("b", "hash-of-okta")).isTrue();
        assertThat(backoff.knownGood("b", "hash-of-a-guess")).isFalse();
        assertThat(backoff.knownGood("c", "hash-of-okta"))
                .as("known good only from the address it succeeded from")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}/s, burst {1}: {2} requests at once → {3} admitted")
    @CsvSource({"2, 2, 5, 2", "10, 0, 20, 10", "1, 5, 8, 5", "0, 0, 100, 100"})
    void rateLimitAdmitsTheBurstThenRefuses(double rate, double burst, int requests, int admitted) {
        TokenRateLimit limit = new TokenRateLimit(rate, burst);
        int ok = 0;
        for (int i = 0; i < requests; i++) {
            if (limit.acquire("okta", 0) == 0) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(admitted);
    }

    @Test
    void rateLimitRefillsAndTellsHowLongToWait() {
        TokenRateLimit limit = new TokenRateLimit(0.5, 1); // one request every 2 s
        assertThat(limit.acquire("okta", 0)).isZero();
        assertThat(limit.acquire("okta", 0)).isEqualTo(2);
        assertThat(limit.acquire("entra", 0)).as("buckets are per token").isZero();
        assertThat(limit.acquire("okta", 1_000_000_000L))
                .as("half refilled: one more second")
                .isEqualTo(1);
        assertThat(limit.acquire("okta", 2_000_000_000L)).isZero();
    }

    @Test
    void throttleCountersExistAtZeroBeforeTheFirstRefusal() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ThrottleMetrics metrics = new ThrottleMetrics(registry);

        assertThat(registry.get("kiro.auth.failures").counter().count()).isZero();
        assertThat(registry.get("kiro.throttled.requests").counters())
                .extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("rate-limit", "auth-backoff");
        metrics.rateLimited.increment();
        assertThat(registry.get("kiro.throttled.requests")
                        .tag("reason", "rate-limit")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("kiro.throttled.requests")
                        .tag("reason", "auth-backoff")
                        .counter()
                        .count())
                .isZero();
    }
}
