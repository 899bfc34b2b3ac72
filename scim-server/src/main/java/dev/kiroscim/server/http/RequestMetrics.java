package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests by API ({@code scim}, {@code admin}, {@code other}), method and status, and their latency in
 * Prometheus histogram buckets, for {@code /metrics}. Lock-free: one adder per series.
 */
@PreMatching
@Priority(-1)
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    /** Upper bounds in seconds, as Prometheus {@code le} labels. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private static final String STARTED = RequestMetrics.class.getName() + ".started";

    /** Latency histogram of one API. */
    public static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumNanos = new LongAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(long nanos) {
            double seconds = nanos / 1e9;
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                }
            }
            count.increment();
            sumNanos.add(nanos);
        }
    }

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

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
        requests.computeIfAbsent(api + "\u0000" + request.getMethod() + "\u0000" + response.getStatus(), k -> new LongAdder()).increment();
        latency.computeIfAbsent(api, k -> new Histogram()).observe(System.nanoTime() - t);
    }

    static String api(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.startsWith("scim/") ? "scim" : p.startsWith("admin/") ? "admin" : "other";
    }

    /** Appends this filter's series in Prometheus text format. */
    public void write(StringBuilder out) {
        out.append("# HELP kiro_http_requests_total HTTP requests by API, method and status.\n");
        out.append("# TYPE kiro_http_requests_total counter\n");
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\u0000");
            out.append("kiro_http_requests_total{api=\"").append(k[0]).append("\",method=\"").append(k[1])
                    .append("\",code=\"").append(k[2]).append("\"} ").append(e.getValue().sum()).append('\n');
        });
        out.append("# HELP kiro_http_request_duration_seconds HTTP request latency by API.\n");
        out.append("# TYPE kiro_http_request_duration_seconds histogram\n");
        latency.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Histogram h = e.getValue();
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append("kiro_http_request_duration_seconds_bucket{api=\"").append(e.getKey()).append("\",le=\"")
                        .append(BUCKETS[i]).append("\"} ").append(h.buckets[i].sum()).append('\n');
            }
            out.append("kiro_http_request_duration_seconds_bucket{api=\"").append(e.getKey()).append("\",le=\"+Inf\"} ")
                    .append(h.count.sum()).append('\n');
            out.append("kiro_http_request_duration_seconds_sum{api=\"").append(e.getKey()).append("\"} ")
                    .append(h.sumNanos.sum() / 1e9).append('\n');
            out.append("kiro_http_request_duration_seconds_count{api=\"").append(e.getKey()).append("\"} ")
                    .append(h.count.sum()).append('\n');
        });
        out.append("# HELP kiro_http_requests_in_flight Requests being served now.\n");
        out.append("# TYPE kiro_http_requests_in_flight gauge\n");
        out.append("kiro_http_requests_in_flight ").append(inFlight.get()).append('\n');
    }
}
