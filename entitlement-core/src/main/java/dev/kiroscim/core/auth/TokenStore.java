package dev.kiroscim.core.auth;

import java.util.List;
import java.util.Optional;

/** Port: stored API tokens (hashes only). */
public interface TokenStore {

    /** @throws dev.kiroscim.core.directory.UniquenessViolation when the name is taken */
    void insert(ApiToken token);

    Optional<ApiToken> findByHash(String hash);

    List<ApiToken> list();

    boolean revoke(String name);
}
