package dev.kiroscim.core.auth;

import dev.kiroscim.core.net.AddressRanges;
import java.time.Instant;

/**
 * One secret of a stored API token. Only the hash of the secret is kept (see {@link TokenHash}); the secret itself
 * is shown once, when the token is created or rotated. A token has one secret, or two during a rotation's grace
 * period (the old one with {@code expires} at the end of the grace); name, scope and allow-list belong to the token.
 *
 * @param expires      after this instant the secret is refused; null = never
 * @param allowFrom    source addresses the token may be used from; {@link AddressRanges#ANY} = anywhere
 * @param lastUsed     last successful authentication with this secret, written at most once a minute; null = never
 * @param lastSourceIp the client address of that authentication
 */
public record ApiToken(
        String name,
        String hash,
        Scope scope,
        Instant created,
        Instant expires,
        AddressRanges allowFrom,
        Instant lastUsed,
        String lastSourceIp) {

    public ApiToken {
        allowFrom = allowFrom == null ? AddressRanges.ANY : allowFrom;
    }

    public ApiToken(String name, String hash, Scope scope, Instant created) {
        this(name, hash, scope, created, null, AddressRanges.ANY, null, null);
    }

    public boolean isValidAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }

    /** May this token be used from {@code sourceAddress}? Always, without an allow-list. */
    public boolean allows(String sourceAddress) {
        return allowFrom.isEmpty() || allowFrom.contains(sourceAddress);
    }
}
