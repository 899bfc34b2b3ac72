package dev.kiroscim.it;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by probing at a fixed interval, with a deadline; the wait between probes is a delayed
 * future, so a test never sleeps blindly and never hammers the thing it polls.
 *
 * <pre>{@code
 * JsonNode idle = Poll.until("sync idle", Duration.ofSeconds(30), Duration.ofMillis(50), this::syncStatus,
 *         s -> s.path("pending").asInt() == 0);
 * }</pre>
 */
final class Poll {

    private Poll() {}

    /** Probes until {@code done} holds and returns that probe's value; fails with the last value at the deadline. */
    static <T> T until(String what, Duration timeout, Duration interval, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + " not reached within " + timeout + "; last: " + last);
            }
            last = CompletableFuture.supplyAsync(
                            probe, CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS))
                    .join();
        }
        return last;
    }
}
