package dev.kiroscim.server.http;

import dev.kiroscim.core.transaction.WriteDeadline;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a write that reached this replica long after the load balancer received it ({@code server.maxRequestAge},
 * default 30 s) with 503 and {@code Retry-After}. The case: a replica is frozen (SIGSTOP, a VM pause) with a request
 * already in its socket buffer; the client times out and retries on another replica, then sends newer writes; when the
 * frozen replica resumes it would apply the old request after them (a member removed, then added back by the stale
 * add). Refusing it is safe: the client has either retried already or will, on the 503.
 *
 * <p>The receive time comes from the load balancer: {@code X-Request-Start: t=<epoch>} (seconds, milliseconds or
 * microseconds, the HAProxy/nginx convention; docs/deploy.md shows the HAProxy line) or the ALB's
 * {@code X-Amzn-Trace-Id: Root=1-<epoch seconds, hex>-…}. Without either header nothing is checked. The load
 * balancer's and the replicas' clocks must agree (NTP).
 *
 * <p>A write that passes here binds its deadline (receive time + {@code maxAge}) to the request thread as a
 * {@link WriteDeadline}, which the database checks again right before it commits: the replica may be frozen after
 * this check, and its write must then roll back too (decisions, "Frozen replicas"). The binding ends with the answer.
 */
@PreMatching
@Priority(2)
public final class StaleRequests implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Pattern REQUEST_START = Pattern.compile("(?:t=)?(\\d{9,19})(?:\\.\\d+)?");
    private static final Pattern AMZN_ROOT = Pattern.compile("Root=1-([0-9a-fA-F]{8})-");

    private final Duration maxAge;
    private final Clock clock;

    public StaleRequests(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        WriteDeadline.clear(); // a pooled thread may carry an earlier request's binding if its answer failed
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return; // a late read changes nothing
        }
        OptionalLong received = receivedAtMillis(
                request.getHeaderString("X-Request-Start"), request.getHeaderString("X-Amzn-Trace-Id"));
        if (received.isEmpty()) {
            return;
        }
        long ageMillis = clock.millis() - received.getAsLong();
        if (ageMillis > maxAge.toMillis()) {
            request.abortWith(Response.fromResponse(ScimErrors.response(
                            503,
                            null,
                            "the load balancer received this"
                                    + " request " + ageMillis / 1000 + " s ago (limit " + maxAge.toSeconds()
                                    + " s): its client has"
                                    + " most likely retried it; retry if not"))
                    .header("Retry-After", "1")
                    .build());
            return;
        }
        WriteDeadline.bind(Instant.ofEpochMilli(received.getAsLong()).plus(maxAge), clock);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        WriteDeadline.clear();
    }

    /** The load balancer's receive time in epoch milliseconds, from either header. */
    static OptionalLong receivedAtMillis(String requestStart, String amznTraceId) {
        if (requestStart != null) {
            Matcher m = REQUEST_START.matcher(requestStart.trim());
            if (m.matches()) {
                long v = Long.parseLong(m.group(1));
                return OptionalLong.of(v >= 100_000_000_000_000L ? v / 1000 : v >= 100_000_000_000L ? v : v * 1000);
            }
        }
        if (amznTraceId != null) {
            Matcher m = AMZN_ROOT.matcher(amznTraceId);
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1), 16) * 1000);
            }
        }
        return OptionalLong.empty();
    }
}
