package dev.kiroscim.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests by API ({@code scim}, {@code admin}, {@code other}), method and status, and their latency in
 * Prometheus histogram buckets, for {@code /metrics}:
 * <pre>
 * kiro_http_requests_total{api="scim",code="200",method="GET"} 42.0
 * kiro_http_request_duration_seconds_bucket{api="scim",le="0.005"} 40
 * kiro_http_requests_in_flight 1.0
 * </pre>
 * The meters are looked up once per series and kept, so a request costs two map reads and no allocation of tags.
 */
@PreMatching
@Priority(-1)
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    /** Upper bounds of the latency buckets, the {@code le} labels. */
    static final Duration[] BUCKETS = {
        millis(5),
        millis(10),
        millis(25),
        millis(50),
        millis(100),
        millis(250),
        millis(500),
        millis(1000),
        millis(2500),
        millis(5000),
        millis(10000)
    };

    private static final java.util.Set<String> STANDARD_METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("kiro.http.requests.in.flight", inFlight, AtomicLong::get)
                .description("Requests being served now.")
                .register(registry);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        inFlight.incrementAndGet();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long t)) {
            return;
        }
        request.removeProperty(STARTED);
        inFlight.decrementAndGet();
        String api = api(request.getUriInfo().getPath());
        String method = method(request.getMethod());
        int status = response.getStatus();
        requests.computeIfAbsent(
                        api + ' ' + method + ' ' + status,
                        k -> Counter.builder("kiro.http.requests")
                                .description("HTTP requests by API, method and status.")
                                .tags("api", api, "method", method, "code", Integer.toString(status))
                                .register(registry))
                .increment();
        latency.computeIfAbsent(
                        api,
                        k -> Timer.builder("kiro.http.request.duration")
                                .description("HTTP request latency by API.")
                                .tags("api", api)
                                .serviceLevelObjectives(BUCKETS)
                                .register(registry))
                .record(System.nanoTime() - t, TimeUnit.NANOSECONDS);
    }

    /**
     * The method label: a standard method's name, else {@code other}. The method is the client's choice (Grizzly
     * accepts any token, and routing answers it 405), so labelling it as sent let any client mint a new series per
     * request, without bound, in a registry that is scraped and kept.
     */
    static String method(String method) {
        return STANDARD_METHODS.contains(method) ? method : "other";
    }

    static String api(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith("scim/") ? "scim" : p.startsWith("admin/") ? "admin" : "other";
    }

    private static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }
}
