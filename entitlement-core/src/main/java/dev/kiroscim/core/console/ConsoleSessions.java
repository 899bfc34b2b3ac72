package dev.kiroscim.core.console;

import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.auth.TokenHash;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.transaction.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Use case: console sign-in, session lookup with an idle timeout, and sign-out, each audited with the person as
 * the actor. The browser holds a random 256-bit session id in an HttpOnly cookie; the store keeps only its hash,
 * so sessions survive a restart and work on every replica behind a load balancer.
 */
public final class ConsoleSessions {

    /** Activity is written at most this often, so that reading pages does not write to the database each time. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a single sign-on may take between the redirect to the IdP and its callback. */
    static final Duration LOGIN_WINDOW = Duration.ofMinutes(10);

    private final ConsoleSessionStore store;
    private final Transactions transactions;
    private final Duration idleTimeout;
    private final Clock clock;

    public ConsoleSessions(ConsoleSessionStore store, Transactions transactions, Duration idleTimeout, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** A new session and the cookie value that names it (shown to the browser only). */
    public record SignedIn(String cookieValue, ConsoleSession session) {}

    public SignedIn signIn(String person, ConsoleRole role, String via, String requestId) {
        Instant now = clock.instant();
        String id = randomToken();
        ConsoleSession session = new ConsoleSession(person, role, via, TokenHash.of(randomToken()), now, now);
        store.create(TokenHash.of(id), session);
        ChangeContext ctx = new ChangeContext(session.actor(), requestId, now);
        transactions.write(tx -> {
            tx.audit().append(ctx, AuditEvents.consoleSignedIn(person, via, role.wireName()));
            return null;
        });
        return new SignedIn(id, session);
    }

    /** The live session named by the cookie, or empty (unknown, signed out, or idle too long: then removed). */
    public Optional<ConsoleSession> resolve(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 128) {
            return Optional.empty();
        }
        String hash = TokenHash.of(cookieValue);
        Optional<ConsoleSession> found = store.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession session = found.get();
        if (session.lastSeen().plus(idleTimeout).isBefore(now)) {
            store.delete(hash);
            audit(session, now, null, AuditEvents.consoleSignedOut(session.person(), "idle"));
            return Optional.empty();
        }
        if (session.lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            store.touch(hash, now);
        }
        return found;
    }

    public void signOut(String cookieValue, String requestId) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        String hash = TokenHash.of(cookieValue);
        Optional<ConsoleSession> found = store.find(hash);
        store.delete(hash);
        found.ifPresent(
                s -> audit(s, clock.instant(), requestId, AuditEvents.consoleSignedOut(s.person(), "signed-out")));
    }

    /** Records a state-changing request the session made (allowed or refused). */
    public void recordAction(ConsoleSession session, String method, String path, int status, String requestId) {
        audit(session, clock.instant(), requestId, AuditEvents.consoleAction(session.person(), method, path, status));
    }

    /** Records a sign-in the console refused (e.g. an IdP user in neither console group); the actor is the person. */
    public void refused(String person, String via, String reason, String requestId) {
        ChangeContext ctx = new ChangeContext(person + " (console)", requestId, clock.instant());
        transactions.write(tx -> {
            tx.audit().append(ctx, AuditEvents.consoleSignInRefused(person, via, reason));
            return null;
        });
    }

    /** Remembers a single sign-on login until its callback; keyed by the hash of its {@code state}. */
    public void startLogin(String state, String codeVerifier, String nonce) {
        store.savePendingLogin(
                TokenHash.of(state), new ConsoleSessionStore.PendingLogin(codeVerifier, nonce, clock.instant()));
    }

    /** The login that {@code state} names, once, if it started within the last 10 minutes. */
    public Optional<ConsoleSessionStore.PendingLogin> finishLogin(String state) {
        if (state == null || state.isBlank() || state.length() > 256) {
            return Optional.empty();
        }
        return store.takePendingLogin(TokenHash.of(state))
                .filter(p -> p.created().isAfter(clock.instant().minus(LOGIN_WINDOW)));
    }

    /** Removes idle sessions and abandoned logins; called periodically. */
    public void sweep() {
        Instant now = clock.instant();
        store.deleteIdleBefore(now.minus(idleTimeout));
        store.deletePendingLoginsBefore(now.minus(LOGIN_WINDOW));
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** 256 random bits, URL-safe base64. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void audit(ConsoleSession session, Instant at, String requestId, dev.kiroscim.core.audit.AuditEntry entry) {
        ChangeContext ctx = new ChangeContext(session.actor(), requestId, at);
        transactions.write(tx -> {
            tx.audit().append(ctx, entry);
            return null;
        });
    }
}
