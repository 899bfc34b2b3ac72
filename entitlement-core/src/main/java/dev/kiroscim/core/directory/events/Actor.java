package dev.kiroscim.core.directory.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who did something, and from where: an API token (its name), a person signed in to a console, the CLI on the
 * host (the OS user), the server itself (scheduler, reconciler, signal), or nobody known ({@code auth.failed}).
 *
 * <p>The audit log's {@code actor} column holds {@link #auditName()}; admin actions also write
 * {@link #auditDetails()} ({@code actorKind}, {@code sourceIp}) so an auditor sees from which address a token
 * was rotated or a policy reloaded.
 *
 * @param sourceAddress the client's IP address as the server resolved it (behind trusted proxies, the first
 *                      untrusted {@code X-Forwarded-For} hop); null outside HTTP requests
 */
public record Actor(Kind kind, String name, String sourceAddress) {

    public enum Kind {
        TOKEN,
        PERSON,
        CLI,
        SYSTEM,
        ANONYMOUS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system", null);

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static Actor token(String tokenName, String sourceAddress) {
        return new Actor(Kind.TOKEN, tokenName, sourceAddress);
    }

    public static Actor person(String login, String sourceAddress) {
        return new Actor(Kind.PERSON, login, sourceAddress);
    }

    public static Actor cli(String osUser) {
        return new Actor(Kind.CLI, osUser, null);
    }

    public static Actor anonymous(String sourceAddress) {
        return new Actor(Kind.ANONYMOUS, "anonymous", sourceAddress);
    }

    /**
     * The actor behind an audit {@code actor} string written before actors were typed: {@code cli:<user>},
     * {@code person:<login>}, {@code system}, {@code signal:SIGHUP}, {@code anonymous}, else a token name.
     */
    public static Actor fromAuditName(String auditName) {
        if (auditName == null || auditName.equals("anonymous")) {
            return anonymous(null);
        }
        if (auditName.startsWith("cli:")) {
            return cli(auditName.substring(4));
        }
        if (auditName.startsWith("person:")) {
            return person(auditName.substring(7), null);
        }
        if (auditName.equals("system") || auditName.startsWith("signal:")) {
            return new Actor(Kind.SYSTEM, auditName, null);
        }
        return token(auditName, null);
    }

    /** The audit log's {@code actor}: the token name, {@code person:<login>}, {@code cli:<user>}, {@code system}… */
    public String auditName() {
        return switch (kind) {
            case TOKEN, SYSTEM -> name;
            case PERSON -> "person:" + name;
            case CLI -> "cli:" + name;
            case ANONYMOUS -> "anonymous";
        };
    }

    /** {@code {"actorKind":"token","sourceIp":"10.0.0.7"}} ({@code sourceIp} only when known). */
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actorKind", kind.wireName());
        if (sourceAddress != null) {
            details.put("sourceIp", sourceAddress);
        }
        return details;
    }
}
