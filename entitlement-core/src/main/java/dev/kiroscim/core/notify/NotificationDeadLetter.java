package dev.kiroscim.core.notify;

import java.time.Instant;

/** A delivery that failed {@code attempts} times (or could never be made) and waits for a retry from the admin API. */
public record NotificationDeadLetter(
        long id,
        String endpoint,
        long auditSeq,
        String eventType,
        String subject,
        int attempts,
        String lastError,
        Instant failedAt) {}
