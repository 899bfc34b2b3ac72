package dev.kiroscim.core.notify;

import dev.kiroscim.core.audit.AuditEvent;
import java.time.Instant;

/**
 * One queued webhook call: audit event {@code event} to endpoint {@code endpoint}, claimed by a worker.
 *
 * @param event        null when audit retention pruned the event before it could be delivered
 * @param attempts     failed attempts so far
 * @param claimVersion the fence the outcome is recorded under (as in the Identity Center outbox)
 */
public record Delivery(
        long id,
        String endpoint,
        long auditSeq,
        AuditEvent event,
        Instant enqueuedAt,
        int attempts,
        long claimVersion) {}
