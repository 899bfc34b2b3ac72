package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code console:} section of kiro-scim.yaml:
 * <pre>
 * console:
 *   idleTimeout: PT30M            # sessions end after this long without a request
 *   oidc:                         # optional: single sign-on with the company IdP
 *     issuer: https://example.okta.com
 *     clientId: 0oa...
 *     clientSecretFile: /etc/kiro/console-oidc-secret
 *     adminGroups: [Kiro-Console-Admins]
 *     readOnlyGroups: [Kiro-Console-Viewers]
 *     scopes: [openid, profile, email, groups]   # optional
 *     redirectUri: https://kiro-scim.example.com/console/oidc/callback   # optional
 * </pre>
 */
public record ConsoleSection(Duration idleTimeout, Optional<Oidc> oidc) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /**
     * OpenID Connect settings; {@code clientSecretFile} may be null for a public client (PKCE only).
     *
     * @param scopes      requested scopes (default {@code openid profile email}; Okta needs {@code groups} too)
     * @param redirectUri the callback URL registered at the IdP; null: worked out from the request
     *                    ({@code https://HOST/console/oidc/callback})
     */
    public record Oidc(String issuer, String clientId, Path clientSecretFile, List<String> adminGroups, List<String> readOnlyGroups,
                       List<String> scopes, String redirectUri) {
    }

    static ConsoleSection from(Path source, JsonNode node) {
        Duration idle = DEFAULT_IDLE_TIMEOUT;
        JsonNode idleNode = node.path("idleTimeout");
        if (!idleNode.isMissingNode() && !idleNode.isNull()) {
            try {
                idle = Duration.parse(idleNode.asText().trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(source + ": console.idleTimeout must be an ISO-8601 duration like PT30M, not '" + idleNode.asText() + "'");
            }
            if (idle.isNegative() || idle.isZero()) {
                throw new ConfigException(source + ": console.idleTimeout must be positive");
            }
        }
        JsonNode o = node.path("oidc");
        if (o.isMissingNode() || o.isNull()) {
            return new ConsoleSection(idle, Optional.empty());
        }
        String issuer = required(source, o, "issuer");
        String clientId = required(source, o, "clientId");
        String secretFile = o.path("clientSecretFile").asText(null);
        List<String> admins = list(o.path("adminGroups"));
        List<String> readers = list(o.path("readOnlyGroups"));
        if (admins.isEmpty() && readers.isEmpty()) {
            throw new ConfigException(source + ": console.oidc needs adminGroups or readOnlyGroups (nobody could sign in)");
        }
        List<String> scopes = list(o.path("scopes"));
        if (scopes.isEmpty()) {
            scopes = List.of("openid", "profile", "email");
        } else if (!scopes.contains("openid")) {
            throw new ConfigException(source + ": console.oidc.scopes must include openid");
        }
        String redirect = o.path("redirectUri").asText("");
        return new ConsoleSection(idle, Optional.of(new Oidc(issuer, clientId,
                secretFile == null || secretFile.isBlank() ? null : Path.of(secretFile), admins, readers, scopes,
                redirect.isBlank() ? null : redirect.trim())));
    }

    private static String required(Path source, JsonNode o, String key) {
        String value = o.path(key).asText("");
        if (value.isBlank()) {
            throw new ConfigException(source + ": console.oidc." + key + " is required");
        }
        return value.trim();
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return List.copyOf(out);
    }
}
