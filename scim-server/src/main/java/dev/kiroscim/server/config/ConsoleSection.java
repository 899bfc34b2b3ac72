package dev.kiroscim.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    public record Oidc(
            String issuer,
            String clientId,
            Path clientSecretFile,
            List<String> adminGroups,
            List<String> readOnlyGroups,
            List<String> scopes,
            String redirectUri) {}

    public static final ConfigSection<ConsoleSection> SECTION = ConfigSection.of("console", ConsoleSection::read);

    private static final Set<String> KEYS = Set.of("idleTimeout", "oidc");
    private static final Set<String> OIDC_KEYS =
            Set.of("issuer", "clientId", "clientSecretFile", "adminGroups", "readOnlyGroups", "scopes", "redirectUri");

    static ConsoleSection read(ConfigNode console, ConfigProblems problems) {
        if (!console.mapping(problems, KEYS)) {
            return new ConsoleSection(DEFAULT_IDLE_TIMEOUT, Optional.empty());
        }
        Duration idle = console.get("idleTimeout").duration(problems, Duration.ZERO, DEFAULT_IDLE_TIMEOUT);
        ConfigNode o = console.get("oidc");
        if (!o.mapping(problems, OIDC_KEYS)) {
            return new ConsoleSection(idle, Optional.empty());
        }
        String issuer = required(o.get("issuer"), problems);
        String clientId = required(o.get("clientId"), problems);
        String secretFile = o.get("clientSecretFile").text(problems, "");
        List<String> admins = o.get("adminGroups").texts(problems, false);
        List<String> readers = o.get("readOnlyGroups").texts(problems, false);
        if (admins.isEmpty() && readers.isEmpty()) {
            problems.add(o, "console.oidc needs adminGroups or readOnlyGroups (nobody could sign in)");
        }
        ConfigNode scopesNode = o.get("scopes");
        List<String> scopes = scopesNode.texts(problems, false);
        if (scopes.isEmpty()) {
            scopes = List.of("openid", "profile", "email");
        } else if (!scopes.contains("openid")) {
            problems.add(scopesNode, "console.oidc.scopes must include openid");
        }
        String redirect = o.get("redirectUri").text(problems, "");
        return new ConsoleSection(
                idle,
                Optional.of(new Oidc(
                        issuer,
                        clientId,
                        secretFile.isBlank() ? null : Path.of(secretFile),
                        admins,
                        readers,
                        scopes,
                        redirect.isBlank() ? null : redirect)));
    }

    private static String required(ConfigNode node, ConfigProblems problems) {
        String value = node.text(problems, "");
        if (value.isBlank()) {
            problems.add(node, node.name() + " is required");
        }
        return value;
    }
}
