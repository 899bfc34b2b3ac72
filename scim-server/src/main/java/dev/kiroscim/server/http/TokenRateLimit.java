package dev.kiroscim.server.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-token request rate limit ({@code server.rateLimit.perTokenPerSecond}, {@code burst}): a token bucket per token
 * name that refills at the rate and holds at most the burst. A request that finds the bucket empty is refused
 * with the whole seconds until a request fits again ({@code Retry-After}). The buckets live in each replica's
 * memory: behind a load balancer that spreads one IdP over N replicas, the IdP gets up to N times the rate.
 */
public final class TokenRateLimit {

    /** No limit. */
    public static final TokenRateLimit OFF = new TokenRateLimit(0, 0);

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, lastNanos}

    /** @param perSecond 0 = no limit; {@code burst} below 1 means one second's worth of requests */
    public TokenRateLimit(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst >= 1 ? burst : Math.max(1, perSecond);
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    /** @return 0 when the request may proceed, else the seconds to wait (at least 1) */
    public long acquire(String token, long nowNanos) {
        if (!enabled()) {
            return 0;
        }
        long[] wait = {0};
        buckets.compute(token, (k, b) -> {
            double[] bucket = b == null ? new double[] {burst, nowNanos} : b;
            double refill = Math.max(0, nowNanos - (long) bucket[1]) / 1e9 * perSecond;
            bucket[0] = Math.min(burst, bucket[0] + refill);
            bucket[1] = nowNanos;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
            } else {
                wait[0] = Math.max(1, (long) Math.ceil((1 - bucket[0]) / perSecond));
            }
            return bucket;
        });
        return wait[0];
    }
}
