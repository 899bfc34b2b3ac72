package dev.kiroscim.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentication throttled per client address, with exponential backoff, so a token cannot be guessed
 * online. The first {@link #FREE_FAILURES} failures from an address are answered 401 as usual; after that the
 * address is refused with 429 for 1 s, then 2 s, 4 s… up to {@link #MAX_BACKOFF}. A quiet period of
 * {@link #FORGET_AFTER} without failures, or a successful authentication from the address, starts it over.
 *
 * <p>While an address is backed off, its requests are refused before their credentials are checked, so a guess
 * cannot be tested at all, except a credential that has already succeeded from that address: a legitimate IdP
 * that shares its egress address with an attacker (Okta's and Entra's egress addresses serve many tenants) keeps
 * working. Such a credential is, by definition, not a guess. State is per replica and in memory.
 */
public final class AuthBackoff {

    public static final int FREE_FAILURES = 10;
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_ADDRESSES = 100_000;
    private static final int MAX_KNOWN_GOOD = 100_000;

    private record State(int failures, Instant lastFailure, Instant blockedUntil) {}

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final Set<String> knownGood = ConcurrentHashMap.newKeySet();

    /** The time left before {@code address} may try again, or {@link Duration#ZERO}. */
    public Duration remaining(String address, Instant now) {
        State s = states.get(key(address));
        if (s == null || s.blockedUntil() == null || !s.blockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, s.blockedUntil());
    }

    /** True when {@code credentialHash} has authenticated from {@code address} before (and may pass a backoff). */
    public boolean knownGood(String address, String credentialHash) {
        return credentialHash != null && knownGood.contains(key(address) + " " + credentialHash);
    }

    /** Counts a failure; returns the backoff it starts ({@link Duration#ZERO} while failures are still free). */
    public Duration failed(String address, Instant now) {
        if (states.size() > MAX_ADDRESSES) {
            states.values().removeIf(s -> s.lastFailure().plus(FORGET_AFTER).isBefore(now));
        }
        State next = states.compute(key(address), (k, s) -> {
            int failures = s == null || s.lastFailure().plus(FORGET_AFTER).isBefore(now) ? 1 : s.failures() + 1;
            Instant blockedUntil = null;
            if (failures > FREE_FAILURES) {
                int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
                Duration backoff = Duration.ofSeconds(1L << doublings);
                blockedUntil = now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
            }
            return new State(failures, now, blockedUntil);
        });
        return next.blockedUntil() == null ? Duration.ZERO : Duration.between(now, next.blockedUntil());
    }

    /** A successful authentication: the address starts over, and the credential may pass later backoffs. */
    public void succeeded(String address, String credentialHash) {
        states.remove(key(address));
        if (credentialHash != null) {
            if (knownGood.size() > MAX_KNOWN_GOOD) {
                knownGood.clear();
            }
            knownGood.add(key(address) + " " + credentialHash);
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }
}
