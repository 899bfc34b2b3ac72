package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Response hygiene on every answer, errors included:
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff}: a browser must not guess HTML out of a JSON or CSV body;</li>
 *   <li>{@code Cache-Control: no-store}: user records, audit events and freshly created token secrets must not be kept
 *       by a browser, a proxy or a CDN ({@code /healthz} and {@code /readyz} too: nothing there is worth caching).
 *       The one exception is the console's static files under {@code console/assets/}, which hold no data;</li>
 *   <li>a strict {@code Content-Security-Policy} (the console ships only same-origin files: no inline scripts or
 *       styles, no eval, no framing, no other origins), {@code X-Frame-Options: DENY} and
 *       {@code Referrer-Policy: no-referrer}. JSON and SCIM answers get them too; they cost nothing there.</li>
 * </ul>
 */
@Priority(0)
public final class SecurityHeaders implements ContainerResponseFilter {

    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("X-Content-Type-Options", "nosniff");
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("Referrer-Policy", "no-referrer");
        h.putSingle("X-Frame-Options", "DENY");
        if (!request.getUriInfo().getPath().startsWith("console/assets/")) {
            h.putSingle("Cache-Control", "no-store");
        }
    }
}
