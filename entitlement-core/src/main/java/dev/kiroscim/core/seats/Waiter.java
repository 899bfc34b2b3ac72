package dev.kiroscim.core.seats;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A user in a pool's queue. Queues are ordered by {@link #QUEUE_ORDER}: earlier {@code joinedAt} first,
 * then smaller {@code userId} (rule 3), e.g. {@code (09:00,"b") < (09:01,"a") < (09:01,"c")}.
 *
 * @param userId   SCIM user id
 * @param joinedAt when the user joined the pool's group
 */
public record Waiter(String userId, Instant joinedAt) {
    /** First come, first served; ties by user id, compared as plain strings. */
    public static final Comparator<Waiter> QUEUE_ORDER =
            Comparator.comparing(Waiter::joinedAt).thenComparing(Waiter::userId);

    public Waiter {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }
}
