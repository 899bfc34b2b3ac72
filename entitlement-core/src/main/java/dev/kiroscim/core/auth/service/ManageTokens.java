package dev.kiroscim.core.auth.service;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.transaction.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Use case: create, rotate, list and revoke API tokens. The secret of a new token (or a rotated one) is returned
 * once and only its hash is stored. Used by the CLI (on a stopped server's data dir) and the admin API (on a
 * running server). Each change writes its {@code token.*} audit event, with the actor and source address, in the
 * same transaction.
 *
 * <p>Rotation gives the token a new secret and keeps the old one valid until the grace period ends, so the
 * secret can be changed in the IdP without a window where provisioning fails; both secrets are listed.
 */
public final class ManageTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Longest rotation overlap: a forgotten old secret must not linger for months. */
    public static final Duration MAX_GRACE = Duration.ofDays(30);

    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    /** A freshly created or rotated secret: the only moment it exists outside the client. */
    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.name() + ", scope=" + token.scope() + "]";
        }
    }

    /**
     * How a new token may be used.
     *
     * @param expiresIn lifetime of the secret from now; null = no expiry
     * @param allowFrom source addresses; {@link AddressRanges#ANY} = anywhere
     */
    public record Terms(Duration expiresIn, AddressRanges allowFrom) {
        public static final Terms UNRESTRICTED = new Terms(null, AddressRanges.ANY);

        public Terms {
            if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
                throw new IllegalArgumentException("expiresIn must be a positive ISO-8601 duration like P365D");
            }
            allowFrom = allowFrom == null ? AddressRanges.ANY : allowFrom;
        }
    }

    private final Transactions transactions;
    private final Clock clock;

    public ManageTokens(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    public Created create(String name, Scope scope, ChangeContext ctx) {
        return create(name, scope, Terms.UNRESTRICTED, ctx);
    }

    /**
     * @param ctx who asks (token name, or {@code cli:<os user>}), from where, and the request id, for the audit event
     * @throws IllegalArgumentException for a bad name, or one that is taken or reserved
     */
    public Created create(String name, Scope scope, Terms terms, ChangeContext ctx) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "token name must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (name.equals("bootstrap")) {
            throw new IllegalArgumentException("'bootstrap' is reserved for KIRO_SCIM_BOOTSTRAP_TOKEN");
        }
        String secret = TokenHash.newSecret();
        Instant now = clock.instant();
        Instant expires = terms.expiresIn() == null ? null : now.plus(terms.expiresIn());
        ApiToken token = new ApiToken(name, TokenHash.of(secret), scope, now, expires, terms.allowFrom(), null, null);
        try {
            transactions.write(tx -> {
                tx.tokens().insert(token);
                tx.audit()
                        .append(
                                ctx,
                                AuditEvents.tokenCreated(
                                        name,
                                        scope.wireName(),
                                        expires,
                                        terms.allowFrom().texts(),
                                        ctx.by()));
                return null;
            });
        } catch (dev.kiroscim.core.directory.UniquenessViolation e) {
            throw new IllegalArgumentException(
                    "a token named '" + name + "' already exists; revoke it first or pick another name");
        }
        return new Created(token, secret);
    }

    /**
     * Gives {@code name} a new secret; its other secrets stay valid for {@code grace} (or until their own expiry,
     * if sooner). The new secret lives as long as the current one was meant to (none: no expiry).
     *
     * @throws IllegalArgumentException for a grace outside 0..{@link #MAX_GRACE}
     * @throws java.util.NoSuchElementException when there is no such token
     */
    public Created rotate(String name, Duration grace, ChangeContext ctx) {
        Duration g = grace == null ? DEFAULT_GRACE : grace;
        if (g.isNegative() || g.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("grace must be an ISO-8601 duration from PT0S to P30D, like PT24H");
        }
        String secret = TokenHash.newSecret();
        Instant now = clock.instant();
        Instant graceEnds = now.plus(g);
        return transactions.write(tx -> {
            List<ApiToken> secrets = tx.tokens().lockSecrets(name);
            if (secrets.isEmpty()) {
                throw new java.util.NoSuchElementException("no token named '" + name + "'");
            }
            tx.tokens().deleteExpiredSecrets(name, now);
            ApiToken current = secrets.get(0);
            Instant expires =
                    current.expires() == null ? null : now.plus(Duration.between(current.created(), current.expires()));
            for (ApiToken old : secrets) {
                if (old.isValidAt(now)
                        && (old.expires() == null || old.expires().isAfter(graceEnds))) {
                    tx.tokens().expireSecret(old.hash(), graceEnds);
                }
            }
            ApiToken fresh = new ApiToken(
                    name, TokenHash.of(secret), current.scope(), now, expires, current.allowFrom(), null, null);
            tx.tokens().addSecret(fresh);
            tx.audit().append(ctx, AuditEvents.tokenRotated(name, graceEnds, expires, ctx.by()));
            return new Created(fresh, secret);
        });
    }

    /**
     * Parses {@code expiresIn} / {@code grace}: an ISO-8601 duration like {@code P365D} or {@code PT24H}; null or
     * blank gives null (the default).
     */
    public static Duration duration(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + " must be an ISO-8601 duration like P365D or PT24H, not '" + text + "'");
        }
    }

    /** Every secret of every token (never the secrets themselves), by name and then newest first. */
    public List<ApiToken> list() {
        return transactions.read(tx -> tx.tokens().list());
    }

    public boolean revoke(String name, ChangeContext ctx) {
        return transactions.write(tx -> {
            boolean revoked = tx.tokens().revoke(name);
            if (revoked) {
                tx.audit().append(ctx, AuditEvents.tokenRevoked(name, ctx.by()));
            }
            return revoked;
        });
    }
}
