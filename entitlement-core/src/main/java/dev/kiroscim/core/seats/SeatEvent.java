package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

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
 * @param reason   why, for a human reading the audit log (never parsed: the facts are in the other fields)
 * @param at       the allocation instant ({@code now} of the call)
 * @param position for WAITLISTED, the 1-based place in the pool's queue (1: the next seat that frees); empty otherwise
 */
public record SeatEvent(
        Type type, String userId, String pool, String tier, String reason, Instant at, OptionalInt position) {
    public enum Type {
        /** Got a seat at once on becoming eligible. */
        ASSIGNED,
        /** Was re-evaluated and waits in this pool (full, or only lower seats were free), at {@link #position()}. */
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
        Objects.requireNonNull(position, "position");
        if (position.isPresent() != (type == Type.WAITLISTED) || (position.isPresent() && position.getAsInt() < 1)) {
            throw new IllegalArgumentException(
                    "a WAITLISTED event, and only that, has a position of 1 or more: " + type + " " + position);
        }
    }

    /** An event without a queue position: anything but WAITLISTED. */
    public SeatEvent(Type type, String userId, String pool, String tier, String reason, Instant at) {
        this(type, userId, pool, tier, reason, at, OptionalInt.empty());
    }

    /** The user waits in {@code pool} at {@code position} (1-based), e.g. reason "the pool is full; position 3 in its queue". */
    public static SeatEvent waitlisted(String userId, String pool, String tier, int position, Instant at) {
        return waitlisted(userId, pool, tier, position, "the pool is full", at);
    }

    /**
     * A user waiting in line, with why the line does not move: for example {@code "the pool is full"}, or a monthly
     * budget's explanation ("budget for Kiro-Platform exhausted this month (USD 400.00 of 400.00); …").
     */
    public static SeatEvent waitlisted(
            String userId, String pool, String tier, int position, String cause, Instant at) {
        return new SeatEvent(
                Type.WAITLISTED,
                userId,
                pool,
                tier,
                cause + "; position " + position + " in its queue",
                at,
                OptionalInt.of(position));
    }
}
