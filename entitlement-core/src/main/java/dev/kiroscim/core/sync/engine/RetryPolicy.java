package dev.kiroscim.core.sync.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed item again: exponential backoff with jitter, never sooner than the service's
 * {@code RetryAfterSeconds}. Attempt n waits a random time in {@code [d/2, d]} with {@code d = min(max, base·2^(n-1))}.
 * Example with the defaults (base 1 s, max 5 min): about 1, 2, 4, 8 … 300 s. After {@code maxAttempts} failures
 * (throttling does not count: it says nothing about the item) the item is a dead letter.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 8);

    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        long baseMs = base.toMillis();
        long exp = attempt >= 30 ? max.toMillis() : Math.min(max.toMillis(), baseMs << Math.max(0, attempt - 1));
        long jittered = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
