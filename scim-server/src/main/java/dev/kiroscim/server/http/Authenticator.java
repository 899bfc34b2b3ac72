package dev.kiroscim.server.http;

import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.transaction.Transactions;
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
 * <p>Looked-up secrets are cached for {@link #CACHE_TTL} to keep authentication off the database on the hot path.
 * That is the revocation bound: a token revoked on any replica is refused by every replica at most
 * {@code CACHE_TTL} after the revocation commits (this replica: at once). Expiry is checked on every request
 * against the cached expiry, so a token created with an expiry stops to the millisecond; a rotation's new expiry
 * for the old secret is seen by every replica within {@code CACHE_TTL} as well, so a grace period of 2 s or more
 * ends exactly, and a shorter one (e.g. {@code PT0S}) within {@code CACHE_TTL}. The allow-list is checked on every
 * request against the client address ({@link ClientAddresses}).
 */
public final class Authenticator {

    /** Revocation reaches every replica within this time; must stay at or below the documented 5 s bound. */
    public static final Duration CACHE_TTL = Duration.ofSeconds(2);

    public static final String BOOTSTRAP_NAME = "bootstrap";

    /** Who is calling and what they may do. */
    public record Caller(String name, Set<Scope> scopes) {
        public boolean may(Scope scope) {
            return scopes.contains(scope);
        }
    }

    /** The answer for one request. {@code credentialHash} is the SHA-256 of the presented secret, null without one. */
    public sealed interface Outcome permits Allowed, Refused {
        String credentialHash();
    }

    public record Allowed(Caller caller, String credentialHash) implements Outcome {}

    /** @param status 401 for missing/invalid/expired credentials, 403 for a token used from outside its allow-list */
    public record Refused(int status, String reason, String credentialHash) implements Outcome {}

    private record Cached(Optional<ApiToken> token, Instant until) {}

    private record Presented(String hash, String expectedName) {}

    private final Transactions transactions;
    private final String bootstrapHash;
    private final Clock clock;
    private final TokenUsage usage;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param bootstrapToken the raw {@code KIRO_SCIM_BOOTSTRAP_TOKEN}, or null; only its hash is kept */
    public Authenticator(Transactions transactions, String bootstrapToken, Clock clock, TokenUsage usage) {
        this.transactions = transactions;
        this.bootstrapHash =
                bootstrapToken == null || bootstrapToken.isBlank() ? null : TokenHash.of(bootstrapToken.trim());
        this.clock = clock;
        this.usage = usage;
    }

    public Outcome check(String authorization, String clientAddress) {
        Optional<Presented> presented = parse(authorization);
        if (presented.isEmpty()) {
            return new Refused(401, authorization == null ? "no credentials" : "invalid credentials", null);
        }
        String hash = presented.get().hash();
        String expectedName = presented.get().expectedName();
        if (bootstrapHash != null && TokenHash.matches(hash, bootstrapHash)) {
            return expectedName == null || expectedName.equals(BOOTSTRAP_NAME)
                    ? new Allowed(new Caller(BOOTSTRAP_NAME, EnumSet.allOf(Scope.class)), hash)
                    : new Refused(401, "invalid credentials", hash);
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = lookup(hash, now).filter(t -> expectedName == null || expectedName.equals(t.name()));
        if (found.isEmpty()) {
            return new Refused(401, "invalid credentials", hash);
        }
        ApiToken token = found.get();
        if (!token.isValidAt(now)) {
            return new Refused(401, "token '" + token.name() + "' expired at " + token.expires(), hash);
        }
        if (!token.allows(clientAddress)) {
            return new Refused(
                    403,
                    "token '" + token.name() + "' may not be used from " + clientAddress
                            + " (its allowFrom list does not include it)",
                    hash);
        }
        usage.used(hash, now, clientAddress);
        return new Allowed(new Caller(token.name(), EnumSet.of(token.scope())), hash);
    }

    private Optional<ApiToken> lookup(String hash, Instant now) {
        Cached cached = cache.get(hash);
        if (cached == null || !cached.until().isAfter(now)) {
            cached = new Cached(transactions.read(tx -> tx.tokens().findByHash(hash)), now.plus(CACHE_TTL));
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(hash, cached);
        }
        return cached.token();
    }

    /** SHA-256 of the secret in {@code authorization}, or null when it holds none (for {@link AuthBackoff}). */
    public static String credentialHash(String authorization) {
        return parse(authorization).map(Presented::hash).orElse(null);
    }

    private static Optional<Presented> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.trim();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Presented(TokenHash.of(header.substring(7).trim()), null));
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new Presented(TokenHash.of(decoded.substring(colon + 1)), decoded.substring(0, colon)));
        }
        return Optional.empty();
    }

    /** Forget cached lookups, e.g. after a token was revoked or rotated on this server. */
    public void invalidate() {
        cache.clear();
    }
}
