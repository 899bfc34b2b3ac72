package dev.kiroscim.server.http;

import java.util.concurrent.atomic.LongAdder;

/** Counters of refused authentications and throttled requests, for {@code /metrics}. */
public final class ThrottleMetrics {

    final LongAdder authFailures = new LongAdder();
    final LongAdder backoffRefusals = new LongAdder();
    final LongAdder rateLimited = new LongAdder();

    public void write(StringBuilder out) {
        counter(out, "kiro_auth_failures_total", "Requests refused for missing, invalid, expired or disallowed credentials (401/403).",
                authFailures.sum());
        out.append("# HELP kiro_throttled_requests_total Requests answered 429 by reason: rate-limit (per token) or auth-backoff (per address).\n")
                .append("# TYPE kiro_throttled_requests_total counter\n")
                .append("kiro_throttled_requests_total{reason=\"rate-limit\"} ").append(rateLimited.sum()).append('\n')
                .append("kiro_throttled_requests_total{reason=\"auth-backoff\"} ").append(backoffRefusals.sum()).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
