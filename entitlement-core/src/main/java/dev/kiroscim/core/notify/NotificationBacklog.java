package dev.kiroscim.core.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * An endpoint's queue at a glance.
 *
 * @param oldestPending enqueue time of the oldest waiting delivery; its age is how far behind the receiver is
 */
public record NotificationBacklog(String endpoint, long pending, long deadLetters, Optional<Instant> oldestPending) {

    /** Seconds since the oldest pending delivery was queued at {@code now}; 0 when nothing waits. */
    public long oldestPendingAgeSeconds(Instant now) {
        return oldestPending
                .map(t -> Math.max(0, java.time.Duration.between(t, now).toSeconds()))
                .orElse(0L);
    }
}
