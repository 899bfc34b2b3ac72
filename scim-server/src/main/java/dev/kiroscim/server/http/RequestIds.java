package dev.kiroscim.server.http;

import dev.kiroscim.core.directory.events.Actor;
import dev.kiroscim.core.directory.events.ChangeContext;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id — the client's {@code X-Request-Id} if it sent a sane one, else a new UUID — echoes
 * it in the response, and builds the {@link ChangeContext} (actor with source address, request id, time) that
 * audit events carry.
 */
@PreMatching
@Priority(0)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String PROPERTY = "kiro.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Clock clock;

    public RequestIds(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        request.setProperty(
                PROPERTY,
                given != null && SANE.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** The request id given to {@code request} by this filter, or null. */
    public static String id(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }

    /** The context of the current request, for use cases that record changes. */
    public ChangeContext context(ContainerRequestContext request) {
        Object caller = request.getProperty(AuthFilter.CALLER);
        Object address = request.getProperty(AuthFilter.CLIENT_ADDRESS);
        String source = address == null ? null : address.toString();
        Actor actor =
                caller instanceof Authenticator.Caller c ? Actor.token(c.name(), source) : Actor.anonymous(source);
        Object id = request.getProperty(PROPERTY);
        return ChangeContext.of(actor, id == null ? UUID.randomUUID().toString() : id.toString(), clock.instant());
    }
}
