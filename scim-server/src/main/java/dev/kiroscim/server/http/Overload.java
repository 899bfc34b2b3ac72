package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Semaphore;

/**
 * Sheds load instead of queueing it: beyond {@code maxInFlight} concurrent requests the server answers
 * 429 Too Many Requests with an integer {@code Retry-After} (seconds), which both Okta and Entra honour and
 * retry, rather than letting requests pile up until the client's 60-second timeout.
 */
@PreMatching
@Priority(1)
public final class Overload implements ContainerRequestFilter, ContainerResponseFilter {

    static final int RETRY_AFTER_SECONDS = 1;
    private static final String ADMITTED = Overload.class.getName() + ".admitted";

    private final Semaphore permits;

    public Overload(int maxInFlight) {
        this.permits = new Semaphore(maxInFlight);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isProbe(request.getUriInfo().getPath())) {
            return;
        }
        if (!permits.tryAcquire()) {
            request.abortWith(tooManyRequests("too many requests in flight; retry shortly"));
            return;
        }
        request.setProperty(ADMITTED, Boolean.TRUE);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(ADMITTED) != null) {
            request.removeProperty(ADMITTED);
            permits.release();
        }
    }

    /**
     * Only the probes themselves bypass the limit. A prefix test let any path starting {@code healthz} or
     * {@code readyz} ({@code /healthzzz}, {@code /readyz-anything}) through unshed. Trailing slashes are allowed
     * because {@link TrailingSlash} has not run yet.
     */
    static boolean isProbe(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = path.substring(0, end);
        return trimmed.equals("healthz") || trimmed.equals("readyz");
    }

    static Response tooManyRequests(String detail) {
        return Response.fromResponse(ScimErrors.response(429, null, detail))
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .build();
    }
}
