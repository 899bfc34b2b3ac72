package dev.kiroscim.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: stored API tokens (hashes only), one row per token and one per secret. */
public interface TokenStore {

    /** A new token with its first secret. @throws dev.kiroscim.core.directory.UniquenessViolation when the name is taken */
    void insert(ApiToken token);

    /** Another secret for an existing token (rotation); name, scope and allow-list stay the token's. */
    void addSecret(ApiToken secret);

    /** The token's secrets, newest first, locking the token's row for the transaction (empty = no such token). */
    List<ApiToken> lockSecrets(String name);

    /** Sets a secret's expiry (the end of a rotation's grace period). */
    void expireSecret(String hash, Instant at);

    /** Deletes secrets of {@code name} that expired before {@code now}. */
    void deleteExpiredSecrets(String name, Instant now);

    Optional<ApiToken> findByHash(String hash);

    /** Every secret of every token, by name and then newest first. */
    List<ApiToken> list();

    /** Deletes the token and all its secrets. */
    boolean revoke(String name);

    /** Records a successful use, unless a later one is already recorded. */
    void recordUse(String hash, Instant at, String sourceIp);
}
