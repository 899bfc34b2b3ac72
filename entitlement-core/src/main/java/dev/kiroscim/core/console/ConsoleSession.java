package dev.kiroscim.core.console;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in console browser, as stored: who ({@code person}, the audit actor), what they may do, how they signed
 * in, and the CSRF token their page must echo on every state-changing request.
 */
public record ConsoleSession(
        String person, ConsoleRole role, String via, String csrfToken, Instant created, Instant lastSeen) {

    public static final String VIA_TOKEN = "token";
    public static final String VIA_OIDC = "oidc";

    public ConsoleSession {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** The actor written to audit events for what this session does, e.g. {@code ann@example.com (console)}. */
    public String actor() {
        return person + " (console)";
    }
}
