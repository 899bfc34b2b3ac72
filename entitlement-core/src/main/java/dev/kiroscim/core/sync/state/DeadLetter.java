package dev.kiroscim.core.sync.state;

import java.time.Instant;

/**
 * A user whose convergence failed permanently (a non-retryable error, or too many retries), with the last error.
 * It stays here, visible in {@code GET /admin/v1/sync}, until {@code POST /admin/v1/sync/retry} or a new change
 * for the same user (which is enqueued as fresh work).
 */
public record DeadLetter(
        String userId, String reason, Instant enqueuedAt, int attempts, String lastError, Instant failedAt) {}
