package dev.kiroscim.server.http;

import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.server.admin.AdminErrors;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * Guards every endpoint except {@code /healthz} and {@code /readyz}: no or wrong credentials → 401 with a SCIM
 * error body (Okta spec test #11) and a {@code WWW-Authenticate} challenge; a SCIM token on the admin API → 403.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    public static final String CALLER = "kiro.caller";

    private final Authenticator authenticator;
    private final AuthFailures failures;

    @jakarta.ws.rs.core.Context
    private jakarta.inject.Provider<org.glassfish.grizzly.http.server.Request> grizzlyRequest;

    public AuthFilter(Authenticator authenticator, AuthFailures failures) {
        this.authenticator = authenticator;
        this.failures = failures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("healthz") || path.equals("readyz")) {
            return;
        }
        // The console's files and sign-in are public; a console session cookie already set the caller (ConsoleSessionFilter).
        if (path.equals("console") || path.startsWith("console/") || request.getProperty(CALLER) != null) {
            return;
        }
        Optional<Authenticator.Caller> caller = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (caller.isEmpty()) {
            String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            failures.record(clientAddress(), header == null ? "no credentials" : "invalid credentials",
                    RequestIds.id(request));
            String message = "missing or invalid credentials: send Authorization: Bearer <token>";
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(AdminErrors.isAdminPath(path)
                            ? AdminErrors.of(401, message) : ScimErrors.response(401, null, message))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kiro-scim-bridge\"").build());
            return;
        }
        // /metrics reveals seat counts and costs: admin scope, like the admin API.
        Scope needed = path.startsWith("admin/") || path.equals("metrics") ? Scope.ADMIN : Scope.SCIM;
        if (!caller.get().may(needed)) {
            String message = "token '" + caller.get().name() + "' lacks the " + needed.wireName() + " scope";
            request.abortWith(AdminErrors.isAdminPath(path) ? AdminErrors.of(403, message) : ScimErrors.response(403, null, message));
            return;
        }
        request.setProperty(CALLER, caller.get());
    }

    /** The TCP peer (not X-Forwarded-For, which any client can set). */
    private String clientAddress() {
        try {
            return grizzlyRequest == null ? null : grizzlyRequest.get().getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
