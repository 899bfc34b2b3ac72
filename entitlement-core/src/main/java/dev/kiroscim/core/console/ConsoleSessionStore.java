package dev.kiroscim.core.console;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: console sessions and OpenID Connect logins in flight, in the shared database so that any replica behind a
 * load balancer can serve any request. Keys are SHA-256 hashes of the secrets the browser holds, never the secrets.
 */
public interface ConsoleSessionStore {

    void create(String idHash, ConsoleSession session);

    Optional<ConsoleSession> find(String idHash);

    /** Records activity, for the idle timeout. */
    void touch(String idHash, Instant at);

    void delete(String idHash);

    /** Removes sessions idle since before {@code cutoff}; returns how many. */
    int deleteIdleBefore(Instant cutoff);

    /** A login between the redirect to the IdP and its callback. */
    record PendingLogin(String codeVerifier, String nonce, Instant created) {}

    void savePendingLogin(String stateHash, PendingLogin login);

    /** Returns and removes the login, so a callback can be used once. */
    Optional<PendingLogin> takePendingLogin(String stateHash);

    /** Removes logins started before {@code cutoff} that never came back. */
    int deletePendingLoginsBefore(Instant cutoff);
}
