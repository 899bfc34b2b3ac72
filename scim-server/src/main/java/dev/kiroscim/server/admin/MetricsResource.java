package dev.kiroscim.server.admin;

import dev.kiroscim.server.metrics.Meters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics} in the Prometheus text format (admin scope; Prometheus sends the token as a bearer token):
 * HTTP traffic and latency, throttling, Identity Center sync backlog and dead letters, seats per tier and pool,
 * monthly cost, invoice and usage, the replica registry, and the JVM and connection-pool meters. What is in it is
 * whatever was registered with {@link Meters}; see there for adding a metric.
 */
@Path("metrics")
public final class MetricsResource {

    private final Meters meters;

    public MetricsResource(Meters meters) {
        this.meters = meters;
    }

    @GET
    public Response metrics() {
        return Response.ok(meters.scrape()).type(Meters.CONTENT_TYPE).build();
    }
}
