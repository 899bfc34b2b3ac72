package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the allocator did to one user, in the order it happened; these become audit events.
 *
 * <p>Example, when Ann leaves the full pool Kiro-Platform and Bob was first in its queue while holding PRO:
 * <pre>
 * RELEASED  ann  Kiro-Platform   PRO_PLUS  "left the pool's group"
 * RELEASED  bob  Kiro-Developers PRO       "moved up to Kiro-Platform"
 * PROMOTED  bob  Kiro-Platform   PRO_PLUS  "first in the queue when a seat freed"
 * </pre>
 *
 * @param type   what happened
 * @param userId SCIM user id
 * @param pool   the pool's group
 * @param tier   the tier concerned
 * @param reason why, for a human reading the audit log
 * @param at     the allocation instant ({@code now} of the call)
 */
public record SeatEvent(Type type, String userId, String pool, String tier, String reason, Instant at) {
    public enum Type {
        /** Got a seat at once on becoming eligible. */
        ASSIGNED,
        /** Was re-evaluated and waits in this pool (full, or only lower seats were free); the reason gives the position. */
        WAITLISTED,
        /** Got a seat after waiting, or moved up from a lower tier. */
        PROMOTED,
        /** Lost a seat: left, deactivated, deleted, moved up, pool removed or cap lowered. */
        RELEASED,
        /** The seat reached {@code maxGrant}; the user is EXPIRED in that pool until they leave and re-join. */
        EXPIRED,
        /**
         * The seat was idle past the pool's {@code reclaimAfterIdle} under {@code reclaim: release}; like EXPIRED, the
         * user does not wait in that pool again until they leave and re-join its group.
         */
        RECLAIMED
    }

    public SeatEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
