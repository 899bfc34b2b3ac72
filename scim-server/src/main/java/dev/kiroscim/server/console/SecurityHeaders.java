package dev.kiroscim.server.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Browser hardening on every response. The console ships only same-origin files, so the policy allows nothing
 * else: no inline scripts or styles (no {@code 'unsafe-inline'}), no eval, no framing, no plugins, and no
 * connections to other origins. JSON and SCIM responses get it too; it costs nothing there.
 */
public final class SecurityHeaders implements ContainerResponseFilter {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Referrer-Policy", "no-referrer");
        h.putSingle("X-Frame-Options", "DENY");
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("console/assets/")) {
            h.putIfAbsent("Cache-Control", java.util.List.of("no-store"));
        }
    }
}
