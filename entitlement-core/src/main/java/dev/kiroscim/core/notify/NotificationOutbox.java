package dev.kiroscim.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port: the webhook deliveries waiting to be made, one row per (audit event, endpoint). The audit log queues them in
 * the transaction that writes the event, so an event is delivered at least once or sits here visibly.
 *
 * <p><b>Order per subject.</b> Only the oldest pending delivery of an (endpoint, subject) pair — its head — can be
 * claimed, and a claim leases it ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), so a receiver gets one user's (or
 * pool's, or token's) events in audit order, whichever replica sends them. A failing head holds its subject's later
 * events back; other subjects flow.
 */
public interface NotificationOutbox {

    /** Leases up to {@code max} due heads until {@code now + lease}, oldest first. */
    List<Delivery> claim(int max, Instant now, Duration lease, String workerId);

    /** Deletes the delivery if this worker's claim still holds it. @return false when the claim was lost */
    boolean delivered(long id, String workerId, long claimVersion);

    /** Releases the claim and schedules another attempt. */
    void retryLater(long id, int attempts, Instant nextAttemptAt, String error);

    /** Parks the delivery and its subject's later deliveries to the same endpoint (keeping their order for a retry). */
    void deadLetter(long id, int attempts, String error, Instant at);

    /** Makes dead letters pending again, due at once; {@code endpoint} null = all endpoints. @return how many */
    int requeueDeadLetters(String endpoint, Instant now);

    /** One entry per endpoint that has rows. */
    List<NotificationBacklog> backlog();

    List<NotificationDeadLetter> deadLetters(int limit);

    /** Lease long enough for one batch of sends with their short timeouts. */
    Duration DEFAULT_LEASE = Duration.ofMinutes(1);
}
