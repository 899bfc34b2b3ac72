package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Response hygiene on every answer, errors included: {@code X-Content-Type-Options: nosniff} (a browser must not
 * guess HTML out of a JSON or CSV body), and {@code Cache-Control: no-store} (user records, audit events and
 * freshly created token secrets must not be kept by a browser, a proxy or a CDN). {@code /healthz} and
 * {@code /readyz} get it too: nothing there is worth caching.
 */
@Priority(0)
public final class SecurityHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
