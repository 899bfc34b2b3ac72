package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one user is entitled to, as shown by {@code GET /admin/v1/entitlements/{id}}.
 *
 * <p>A user holding PRO in Kiro-Developers while third in the Kiro-Platform queue reads
 * {@code ASSIGNED, PRO, Kiro-Developers, since, expiresAt=empty, waitlist=[(Kiro-Platform, 3)]}.
 *
 * @param userId    SCIM user id
 * @param state     see {@link State}
 * @param tier      the held tier (ASSIGNED) or the expired pool's tier (EXPIRED)
 * @param pool      the held pool (ASSIGNED) or the expired pool (EXPIRED)
 * @param since     when the seat was assigned (ASSIGNED) or when it expired (EXPIRED)
 * @param expiresAt when an ASSIGNED seat will expire, if its pool has a maxGrant
 * @param waitlist  the queues the user waits in with 1-based positions, preferred pool first
 */
public record Entitlement(
        String userId,
        State state,
        Optional<String> tier,
        Optional<String> pool,
        Optional<Instant> since,
        Optional<Instant> expiresAt,
        List<WaitlistPosition> waitlist) {
    public enum State {
        /** Holds a seat (and may also wait for a higher tier). */
        ASSIGNED,
        /** Holds no seat and waits in at least one pool. */
        WAITLISTED,
        /** Holds no seat, waits nowhere, and a grant expired in a pool they still belong to. */
        EXPIRED,
        /** None of the above: not in any pool's group, or inactive. */
        NONE
    }

    /** @param position 1 for the next user to get a seat */
    public record WaitlistPosition(String pool, int position) {}

    public Entitlement {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(state, "state");
        waitlist = List.copyOf(waitlist);
    }
}
