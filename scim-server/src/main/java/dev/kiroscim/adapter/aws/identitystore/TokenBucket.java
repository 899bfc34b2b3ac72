package dev.kiroscim.adapter.aws.identitystore;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A client-side rate limiter: {@code ratePerSecond} tokens refill continuously, up to a burst of
 * {@code max(1, ratePerSecond)}; each call takes one token and waits when none is left.
 *
 * <p>Example at 10/s: ten calls pass at once, the eleventh waits 100 ms, and a steady caller gets one call
 * every 100 ms. Shared by all threads of one directory (Identity Store API or SCIM), so the process as a whole stays within
 * the budget.
 */
public final class TokenBucket implements dev.kiroscim.core.sync.IdentityCenterRateLimit {

    /** Waits; replaced in tests by a fake clock that just advances. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double ratePerSecond) {
        this(ratePerSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    TokenBucket(double ratePerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive: " + ratePerSecond);
        }
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.capacity = Math.max(1, ratePerSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one token, waiting as long as needed. */
    @Override
    public synchronized void acquire() throws InterruptedException {
        refill();
        while (tokens < 1) {
            long waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
            sleeper.sleepNanos(waitNanos);
            refill();
        }
        tokens -= 1;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
    }
}
