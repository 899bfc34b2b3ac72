package dev.kiroscim.server.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.time.Duration;

/**
 * The console's session cookie: {@code HttpOnly} (scripts cannot read it), {@code SameSite=Strict} (other sites
 * cannot make the browser send it), {@code Secure} when the request came over TLS (directly or, per
 * {@code X-Forwarded-Proto}, through a TLS-terminating load balancer), {@code Path=/} because the console calls
 * {@code /admin/v1}. No {@code Max-Age}: it ends with the browser; the server ends it sooner when idle.
 */
public final class SessionCookie {

    public static final String NAME = "kiro_console";

    private SessionCookie() {}

    public static String value(ContainerRequestContext request) {
        Cookie c = request.getCookies().get(NAME);
        return c == null ? null : c.getValue();
    }

    public static String set(String value, ContainerRequestContext request) {
        return NAME + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure(request) ? "; Secure" : "");
    }

    public static String clear(ContainerRequestContext request) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(request) ? "; Secure" : "");
    }

    static boolean secure(ContainerRequestContext request) {
        return request.getSecurityContext().isSecure()
                || "https".equalsIgnoreCase(request.getHeaderString("X-Forwarded-Proto"));
    }

    static long seconds(Duration d) {
        return d.toSeconds();
    }
}
