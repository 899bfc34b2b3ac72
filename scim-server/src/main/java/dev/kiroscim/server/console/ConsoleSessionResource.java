package dev.kiroscim.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.console.ConsoleRole;
import dev.kiroscim.core.console.ConsoleSession;
import dev.kiroscim.core.console.ConsoleSessions;
import dev.kiroscim.server.http.AdminErrors;
import dev.kiroscim.server.http.AuthFilter;
import dev.kiroscim.server.http.Authenticator;
import dev.kiroscim.server.http.RequestIds;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * {@code /console/session}: sign in with an admin token ({@code POST {"token":"kiro_…"}}, JSON only, so a
 * cross-site form cannot post it), who am I ({@code GET}: person, role and the CSRF token the page must echo), and
 * sign out ({@code DELETE}, with the CSRF header). Outside the AuthFilter: the session is the credential here.
 */
@Path("console/session")
public final class ConsoleSessionResource {

    private final ConsoleSessions sessions;
    private final Authenticator authenticator;
    private final boolean oidcEnabled;

    public ConsoleSessionResource(ConsoleSessions sessions, Authenticator authenticator, boolean oidcEnabled) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.oidcEnabled = oidcEnabled;
    }

    @GET
    public Response current(@Context ContainerRequestContext request) {
        Optional<ConsoleSession> session = sessions.resolve(SessionCookie.value(request));
        return session.map(s -> json(describe(s)))
                .orElseGet(() -> json(ScimJson.MAPPER
                        .createObjectNode()
                        .put("signedIn", false)
                        .put("oidc", oidcEnabled)));
    }

    @POST
    @Consumes("application/json")
    public Response signIn(@Context ContainerRequestContext request, byte[] body) {
        if (!sameOrigin(request)) {
            return AdminErrors.of(403, "sign-in must come from the console's own origin");
        }
        JsonNode in;
        try {
            in = ScimJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return AdminErrors.of(400, "body must be JSON like {\"token\":\"kiro_…\"}");
        }
        String token = in == null ? "" : in.path("token").asText("").trim();
        if (token.isEmpty() || token.length() > 512) {
            return AdminErrors.of(400, "paste an admin token");
        }
        // The same check as every API request: expiry, revocation and the token's allow-list for this address.
        Object address = request.getProperty(AuthFilter.CLIENT_ADDRESS);
        Authenticator.Outcome outcome =
                authenticator.check("Bearer " + token, address == null ? null : address.toString());
        Optional<Authenticator.Caller> caller =
                outcome instanceof Authenticator.Allowed allowed ? Optional.of(allowed.caller()) : Optional.empty();
        if (caller.isEmpty()) {
            return AdminErrors.of(
                    401, "this token is not valid (revoked, expired, mistyped or not allowed from this address)");
        }
        if (!caller.get().may(Scope.ADMIN)) {
            return AdminErrors.of(403, "token '" + caller.get().name() + "' lacks the admin scope");
        }
        ConsoleSessions.SignedIn signedIn = sessions.signIn(
                caller.get().name(), ConsoleRole.ADMIN, ConsoleSession.VIA_TOKEN, RequestIds.id(request));
        sessions.sweep();
        return Response.ok(ScimJson.bytes(describe(signedIn.session())))
                .type("application/json")
                .header(HttpHeaders.SET_COOKIE, SessionCookie.set(signedIn.cookieValue(), request))
                .build();
    }

    @DELETE
    public Response signOut(@Context ContainerRequestContext request) {
        String cookie = SessionCookie.value(request);
        Optional<ConsoleSession> session = sessions.resolve(cookie);
        if (session.isPresent()) {
            String csrf = request.getHeaderString(ConsoleSessionFilter.CSRF_HEADER);
            if (csrf == null
                    || !TokenHash.matches(
                            TokenHash.of(csrf), TokenHash.of(session.get().csrfToken()))) {
                return AdminErrors.of(403, "missing or wrong " + ConsoleSessionFilter.CSRF_HEADER + " header");
            }
            sessions.signOut(cookie, RequestIds.id(request));
        }
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, SessionCookie.clear(request))
                .build();
    }

    private ObjectNode describe(ConsoleSession s) {
        return ScimJson.MAPPER
                .createObjectNode()
                .put("signedIn", true)
                .put("person", s.person())
                .put("role", s.role().wireName())
                .put("via", s.via())
                .put("csrfToken", s.csrfToken())
                .put("idleTimeoutSeconds", sessions.idleTimeout().toSeconds())
                .put("oidc", oidcEnabled);
    }

    /** A browser sends Origin on POST; when it does, it must be this server (as the browser addressed it). */
    static boolean sameOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeaderString(HttpHeaders.HOST);
        try {
            URI o = URI.create(origin);
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response json(ObjectNode node) {
        return Response.ok(ScimJson.bytes(node)).type("application/json").build();
    }
}
