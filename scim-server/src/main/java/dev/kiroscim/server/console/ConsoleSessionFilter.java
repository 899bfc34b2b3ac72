package dev.kiroscim.server.console;

import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.console.ConsoleRole;
import dev.kiroscim.core.console.ConsoleSession;
import dev.kiroscim.core.console.ConsoleSessions;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.http.AuthFilter;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.RequestIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lets a console session cookie stand in for an admin token on the admin API, and runs before {@link AuthFilter}
 * (which then sees the caller already set). Requests with an {@code Authorization} header are left to the
 * AuthFilter: API clients never depend on cookies.
 *
 * <p>On every state-changing request (anything but GET/HEAD/OPTIONS) from a session:
 * <ul>
 *   <li>CSRF: the {@code X-CSRF-Token} header must equal the session's token (synchronizer token; the page reads it
 *       from {@code GET /console/session}, which other origins cannot read). {@code SameSite=Strict} is the second
 *       line.</li>
 *   <li>Read-only users are refused with 403 here, in the API, whatever the page shows.</li>
 *   <li>The request and its outcome are audited as {@code console.action} with the person as the actor; the
 *       events the endpoint itself writes (e.g. {@code token.created}) carry the same actor.</li>
 * </ul>
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class ConsoleSessionFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "kiro.console.session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ConsoleSessions sessions;

    public ConsoleSessionFilter(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !(AdminErrors.isAdminPath(path) || path.equals("metrics"))) {
            return;
        }
        String cookie = SessionCookie.value(request);
        if (cookie == null) {
            return;
        }
        var found = sessions.resolve(cookie);
        if (found.isEmpty()) {
            return; // the AuthFilter answers 401; the page then shows the sign-in form
        }
        ConsoleSession session = found.get();
        request.setProperty(SESSION, session);
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String csrf = request.getHeaderString(CSRF_HEADER);
            if (csrf == null || !TokenHash.matches(TokenHash.of(csrf), TokenHash.of(session.csrfToken()))) {
                request.abortWith(
                        AdminErrors.of(403, "missing or wrong " + CSRF_HEADER + " header: reload the console"));
                return;
            }
            if (session.role() != ConsoleRole.ADMIN) {
                request.abortWith(AdminErrors.of(
                        403, session.person() + " has read-only access to the console and cannot change anything"));
                return;
            }
        }
        request.setProperty(AuthFilter.CALLER, new Authenticator.Caller(session.actor(), EnumSet.of(Scope.ADMIN)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SESSION) instanceof ConsoleSession session
                && !SAFE_METHODS.contains(request.getMethod())) {
            sessions.recordAction(
                    session,
                    request.getMethod(),
                    "/" + request.getUriInfo().getPath(),
                    response.getStatus(),
                    RequestIds.id(request));
        }
    }
}
