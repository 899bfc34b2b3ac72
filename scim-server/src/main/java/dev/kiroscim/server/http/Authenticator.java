package dev.kiroscim.server.http;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.directory.Transactions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves an {@code Authorization} header to a caller. Accepts {@code Bearer <token>} (Entra's "Secret Token",
 * Okta's "HTTP Header") and {@code Basic base64(name:token)} (Okta's Basic option: the token's name as user, the
 * token as password). Only SHA-256 hashes are compared; the raw token is never stored or logged.
 *
 * <p>Looked-up tokens are cached for {@value #CACHE_SECONDS} seconds to keep authentication off the database on
 * the hot path; a revocation on this server clears the cache at once, and other replicas see it within that time.
 */
public final class Authenticator {

    static final int CACHE_SECONDS = 10;
    public static final String BOOTSTRAP_NAME = "bootstrap";

    /** Who is calling and what they may do. */
    public record Caller(String name, Set<Scope> scopes) {
        public boolean may(Scope scope) {
            return scopes.contains(scope);
        }
    }

    private record Cached(Optional<ApiToken> token, Instant until) {
    }

    private final Transactions transactions;
    private final String bootstrapHash;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param bootstrapToken the raw {@code KIRO_SCIM_BOOTSTRAP_TOKEN}, or null; only its hash is kept */
    public Authenticator(Transactions transactions, String bootstrapToken, Clock clock) {
        this.transactions = transactions;
        this.bootstrapHash = bootstrapToken == null || bootstrapToken.isBlank() ? null : TokenHash.of(bootstrapToken.trim());
        this.clock = clock;
    }

    public Optional<Caller> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.trim();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return byHash(TokenHash.of(header.substring(7).trim()), null);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return byHash(TokenHash.of(decoded.substring(colon + 1)), decoded.substring(0, colon));
        }
        return Optional.empty();
    }

    private Optional<Caller> byHash(String hash, String expectedName) {
        if (bootstrapHash != null && TokenHash.matches(hash, bootstrapHash)) {
            return nameMatches(BOOTSTRAP_NAME, expectedName)
                    ? Optional.of(new Caller(BOOTSTRAP_NAME, EnumSet.allOf(Scope.class)))
                    : Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || cached.until().isBefore(now)) {
            cached = new Cached(transactions.read(tx -> tx.tokens().findByHash(hash)), now.plus(Duration.ofSeconds(CACHE_SECONDS)));
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        return cached.token()
                .filter(t -> nameMatches(t.name(), expectedName))
                .map(t -> new Caller(t.name(), EnumSet.of(t.scope())));
    }

    private static boolean nameMatches(String actual, String expected) {
        return expected == null || expected.equals(actual);
    }

    /** Forget cached lookups, e.g. after a token was revoked. */
    public void invalidate() {
        cache.clear();
    }
}
