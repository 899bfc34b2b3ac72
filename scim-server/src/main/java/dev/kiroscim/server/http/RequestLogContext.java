package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts the request id (and, once {@link AuthFilter} knows it, the token's name) in the logging MDC for every line
 * logged while a request is served, and writes one access line per request to the logger {@code dev.kiroscim.access}:
 * <pre>
 * GET /scim/v2/Users 200 4 ms request=okta-run-42 actor=okta
 * </pre>
 * with {@code method}, {@code path}, {@code status} and {@code durationMs} as key-value pairs (fields of their own
 * in JSON). The path is logged percent-encoded, as sent (so an encoded line break cannot forge a line), without the
 * query string, and no header is ever logged, so a bearer token cannot reach the log.
 * Turn the access lines off with {@code --log-level dev.kiroscim.access=warn}. Runs right after {@link RequestIds},
 * and clears the MDC at the start of each request too: a worker thread may come back from a request that ended in
 * an unmapped error without the response filter running.
 */
@PreMatching
@Priority(1)
public final class RequestLogContext implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String REQUEST_ID = "requestId";
    public static final String ACTOR = "actor";
    public static final String ACCESS_LOGGER = "dev.kiroscim.access";

    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final String STARTED = RequestLogContext.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        MDC.clear();
        request.setProperty(STARTED, System.nanoTime());
        String id = RequestIds.id(request);
        if (id != null) {
            MDC.put(REQUEST_ID, id);
        }
    }

    /** Called once the caller is authenticated: later lines of this request name the token. */
    public static void actor(String tokenName) {
        MDC.put(ACTOR, tokenName);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            if (!ACCESS.isInfoEnabled() || !(request.getProperty(STARTED) instanceof Long started)) {
                return;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            // The path as sent, still percent-encoded: the decoded one let /scim/v2/Users/x%0D%0AGET%20... write a
            // forged access line (the plain-text pattern does not escape %msg), and %00 a NUL. Ordinary paths read
            // the same either way.
            String path = "/" + request.getUriInfo().getPath(false);
            String actor = request.getProperty(AuthFilter.CALLER) instanceof Authenticator.Caller c ? c.name() : "-";
            if (!"-".equals(actor)) {
                MDC.put(ACTOR, actor); // a console session's caller is set by ConsoleSessionFilter, not AuthFilter
            }
            ACCESS.atInfo()
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", path)
                    .addKeyValue("status", response.getStatus())
                    .addKeyValue("durationMs", millis)
                    .log(
                            "{} {} {} {} ms request={} actor={}",
                            request.getMethod(),
                            path,
                            response.getStatus(),
                            millis,
                            RequestIds.id(request),
                            actor);
        } finally {
            MDC.clear();
        }
    }
}
