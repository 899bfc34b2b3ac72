package dev.kiroscim.core.auth;

import java.time.Instant;

/**
 * A stored API token. Only the hash of the secret is kept (see {@link TokenHash}); the secret itself is shown
 * once, when the token is created.
 */
public record ApiToken(String name, String hash, Scope scope, Instant created) {
}
