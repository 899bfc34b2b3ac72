package dev.kiroscim.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of refused authentications ({@code kiro_auth_failures_total}) and throttled requests
 * ({@code kiro_throttled_requests_total{reason="rate-limit"|"auth-backoff"}}), for {@code /metrics}. Registered at
 * start-up so they show 0 before the first refusal.
 */
public final class ThrottleMetrics {

    final Counter authFailures;
    final Counter backoffRefusals;
    final Counter rateLimited;

    public ThrottleMetrics(MeterRegistry registry) {
        authFailures = Counter.builder("kiro.auth.failures")
                .description("Requests refused for missing, invalid, expired or disallowed credentials (401/403).")
                .register(registry);
        rateLimited = throttled(registry, "rate-limit");
        backoffRefusals = throttled(registry, "auth-backoff");
    }

    private static Counter throttled(MeterRegistry registry, String reason) {
        return Counter.builder("kiro.throttled.requests")
                .description("Requests answered 429 by reason: rate-limit (per token) or auth-backoff (per address).")
                .tag("reason", reason)
                .register(registry);
    }
}
