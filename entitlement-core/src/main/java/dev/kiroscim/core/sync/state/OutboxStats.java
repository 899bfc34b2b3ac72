package dev.kiroscim.core.sync.state;

import java.time.Instant;
import java.util.Optional;

/**
 * The outbox at a glance.
 *
 * @param pending       items waiting (or being worked on)
 * @param deadLetter    items parked after a permanent failure
 * @param oldestPending when the oldest pending item was enqueued; its age is the sync's lag
 */
public record OutboxStats(long pending, long deadLetter, Optional<Instant> oldestPending) {}
