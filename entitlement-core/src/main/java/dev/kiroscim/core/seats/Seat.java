package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A seat held by one user: at most one per user (rule 2).
 *
 * @param userId     SCIM user id
 * @param pool       the pool's group as written in the policy; compare with {@code Pool.keyOf}
 * @param tier       tier name granted by the pool when the seat was assigned (updated on reload)
 * @param assignedAt when the user got this seat; orders holders for cap reductions
 * @param expiresAt  {@code assignedAt + maxGrant} when the pool has a maxGrant
 */
public record Seat(String userId, String pool, String tier, Instant assignedAt, Optional<Instant> expiresAt) {
    public Seat {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(assignedAt, "assignedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Seat withTier(String newTier) {
        return new Seat(userId, pool, newTier, assignedAt, expiresAt);
    }

    public Seat withPool(String newPool) {
        return new Seat(userId, newPool, tier, assignedAt, expiresAt);
    }

    public Seat withExpiresAt(Optional<Instant> newExpiresAt) {
        return new Seat(userId, pool, tier, assignedAt, newExpiresAt);
    }
}
