package dev.kiroscim.server.console;

import dev.kiroscim.core.console.ConsoleSession;
import dev.kiroscim.core.console.ConsoleSessionStore;
import dev.kiroscim.core.console.ConsoleSessions;
import dev.kiroscim.server.config.ConsoleSection;
import dev.kiroscim.server.http.RequestIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console/oidc/login} (redirects to the IdP) and {@code /console/oidc/callback} (the redirect URI to register
 * at the IdP). Failures land back on the sign-in page with an error code ({@code ?error=not-in-group}), never with
 * text from the request, so nobody can put words on the console's page with a crafted link.
 */
@Path("console/oidc")
public final class OidcResource {

    private static final Logger LOG = LoggerFactory.getLogger(OidcResource.class);

    private final OidcSignIn oidc;
    private final ConsoleSessions sessions;
    private final ConsoleSection.Oidc config;

    OidcResource(OidcSignIn oidc, ConsoleSessions sessions, ConsoleSection.Oidc config) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.config = config;
    }

    @GET
    @Path("login")
    public Response login(@Context ContainerRequestContext request) {
        try {
            return Response.seeOther(oidc.start(redirectUri(request), sessions)).build();
        } catch (Exception e) {
            LOG.warn("console single sign-on: cannot reach the IdP at {}: {}", config.issuer(), e.toString());
            return backToSignIn("idp-unreachable");
        }
    }

    @GET
    @Path("callback")
    public Response callback(
            @Context ContainerRequestContext request,
            @QueryParam("code") String code,
            @QueryParam("state") String state,
            @QueryParam("error") String error) {
        Optional<ConsoleSessionStore.PendingLogin> login = sessions.finishLogin(state);
        if (login.isEmpty()) {
            return backToSignIn("expired");
        }
        if (error != null || code == null || code.isBlank()) {
            LOG.info("console single sign-on: the IdP answered error={}", error);
            return backToSignIn("oidc-failed");
        }
        OidcSignIn.Identity who;
        try {
            who = oidc.finish(code, redirectUri(request), login.get());
        } catch (OidcSignIn.Refused refused) {
            LOG.info("console single sign-on refused: {}", refused.getMessage());
            sessions.refused(
                    refused.person == null ? "unknown" : refused.person,
                    ConsoleSession.VIA_OIDC,
                    refused.getMessage(),
                    RequestIds.id(request));
            return backToSignIn(refused.code);
        }
        ConsoleSessions.SignedIn signedIn =
                sessions.signIn(who.person(), who.role(), ConsoleSession.VIA_OIDC, RequestIds.id(request));
        sessions.sweep();
        return Response.seeOther(URI.create("/console/"))
                .header(HttpHeaders.SET_COOKIE, SessionCookie.set(signedIn.cookieValue(), request))
                .build();
    }

    private URI redirectUri(ContainerRequestContext request) {
        if (config.redirectUri() != null) {
            return URI.create(config.redirectUri());
        }
        String scheme = SessionCookie.secure(request) ? "https" : "http";
        return URI.create(scheme + "://" + request.getHeaderString(HttpHeaders.HOST) + "/console/oidc/callback");
    }

    private static Response backToSignIn(String code) {
        return Response.seeOther(URI.create("/console/?error=" + code)).build();
    }
}
