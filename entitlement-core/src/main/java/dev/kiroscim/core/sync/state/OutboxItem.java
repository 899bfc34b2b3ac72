package dev.kiroscim.core.sync.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One unit of Identity Center work: "converge user X", written in the transaction of the change that caused it.
 * Items are not instructions: the worker recomputes the user's desired state when it runs, so ten changes to one
 * user cost one convergence, and an item can never replay stale data.
 *
 * @param id         increasing; orders a user's items
 * @param userId     the SCIM user id
 * @param reason     why it was enqueued, e.g. {@code scim.user.updated} or {@code seat.promoted}
 * @param enqueuedAt commit time of the change (approximately: the change's own timestamp)
 * @param attempts   failed attempts so far
 * @param claimVersion the item's claim counter when this worker claimed it: the fence its results are recorded under
 *                     ({@link SyncOutbox#renewClaim})
 */
public record OutboxItem(long id, String userId, String reason, Instant enqueuedAt, int attempts, long claimVersion) {

    public OutboxItem {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    }

    /** An item as enqueued, never claimed. */
    public OutboxItem(long id, String userId, String reason, Instant enqueuedAt, int attempts) {
        this(id, userId, reason, enqueuedAt, attempts, 0);
    }
}
