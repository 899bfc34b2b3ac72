package dev.kiroscim.server.http;

import dev.kiroscim.core.auth.Scope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Guards every endpoint except {@code /healthz} and {@code /readyz}, in this order:
 * <ol>
 *   <li>an address in failed-authentication backoff ({@link AuthBackoff}) → 429 with {@code Retry-After}, before
 *       its credentials are looked at (unless they already succeeded from that address);</li>
 *   <li>no or wrong, expired credentials → 401 with a SCIM error body (Okta spec test #11) and a
 *       {@code WWW-Authenticate} challenge; a token used from outside its allow-list → 403;</li>
 *   <li>a SCIM token on the admin API or {@code /metrics} → 403;</li>
 *   <li>a token over its rate limit ({@link TokenRateLimit}) → 429 with {@code Retry-After}.</li>
 * </ol>
 * Refusals are counted for {@code /metrics} and audited ({@code auth.failed}, {@code auth.throttled}, rate-limited).
 * The client address ({@link ClientAddresses}: the TCP peer, or {@code X-Forwarded-For} from a trusted proxy) is
 * kept on the request for the audit trail's actor.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {

    public static final String CALLER = "kiro.caller";
    public static final String CLIENT_ADDRESS = "kiro.clientAddress";

    /** The edge's throttles and address rules, built from {@code server:} in the config. */
    public record Guards(
            ClientAddresses addresses, AuthBackoff backoff, TokenRateLimit rateLimit, ThrottleMetrics metrics) {}

    private final Authenticator authenticator;
    private final AuthFailures failures;
    private final Guards guards;
    private final Clock clock;

    @jakarta.ws.rs.core.Context
    private jakarta.inject.Provider<org.glassfish.grizzly.http.server.Request> grizzlyRequest;

    public AuthFilter(Authenticator authenticator, AuthFailures failures, Guards guards, Clock clock) {
        this.authenticator = authenticator;
        this.failures = failures;
        this.guards = guards;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("healthz") || path.equals("readyz")) {
            return;
        }
        boolean admin = AdminErrors.isAdminPath(path);
        String address =
                guards.addresses().resolve(peerAddress(), request.getHeaders().get("X-Forwarded-For"));
        request.setProperty(CLIENT_ADDRESS, address);
        // The console's files and sign-in are public; a console session cookie already set the caller
        // (ConsoleSessionFilter).
        if (path.equals("console") || path.startsWith("console/") || request.getProperty(CALLER) != null) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Instant now = clock.instant();

        Duration backoff = guards.backoff().remaining(address, now);
        if (!backoff.isZero() && !guards.backoff().knownGood(address, Authenticator.credentialHash(header))) {
            long seconds = ceilSeconds(backoff);
            guards.metrics().backoffRefusals.increment();
            failures.throttled(address, "auth-backoff", null, seconds, RequestIds.id(request));
            request.abortWith(tooManyRequests(
                    admin,
                    seconds,
                    "too many failed authentications from " + address + "; retry in " + seconds + " s"));
            return;
        }

        Authenticator.Outcome outcome = authenticator.check(header, address);
        if (outcome instanceof Authenticator.Refused refused) {
            guards.metrics().authFailures.increment();
            failures.record(address, refused.reason(), RequestIds.id(request));
            guards.backoff().failed(address, now);
            if (refused.status() == 403) {
                request.abortWith(error(admin, 403, refused.reason()));
                return;
            }
            String message = refused.reason().startsWith("token '")
                    ? refused.reason()
                    : "missing or invalid credentials: send Authorization: Bearer <token>";
            request.abortWith(Response.fromResponse(error(admin, 401, message))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kiro-scim-bridge\"")
                    .build());
            return;
        }
        Authenticator.Allowed allowed = (Authenticator.Allowed) outcome;
        Authenticator.Caller caller = allowed.caller();
        guards.backoff().succeeded(address, allowed.credentialHash());
        // /metrics reveals seat counts and costs: admin scope, like the admin API.
        Scope needed = path.startsWith("admin/") || path.equals("metrics") ? Scope.ADMIN : Scope.SCIM;
        if (!caller.may(needed)) {
            request.abortWith(
                    error(admin, 403, "token '" + caller.name() + "' lacks the " + needed.wireName() + " scope"));
            return;
        }
        long wait = guards.rateLimit().acquire(caller.name(), System.nanoTime());
        if (wait > 0) {
            guards.metrics().rateLimited.increment();
            failures.throttled(address, "rate-limit", caller.name(), wait, RequestIds.id(request));
            request.abortWith(tooManyRequests(
                    admin, wait, "token '" + caller.name() + "' is over its rate limit; retry in " + wait + " s"));
            return;
        }
        request.setProperty(CALLER, caller);
        RequestLogContext.actor(caller.name());
    }

    private static Response error(boolean admin, int status, String message) {
        return admin ? AdminErrors.of(status, message) : ScimErrors.response(status, null, message);
    }

    private static Response tooManyRequests(boolean admin, long seconds, String message) {
        return Response.fromResponse(error(admin, 429, message))
                .header("Retry-After", Long.toString(seconds))
                .build();
    }

    private static long ceilSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** The TCP peer (X-Forwarded-For only counts from a trusted proxy; see {@link ClientAddresses}). */
    private String peerAddress() {
        try {
            return grizzlyRequest == null ? null : grizzlyRequest.get().getRemoteAddr();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
