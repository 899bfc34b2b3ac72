package dev.kiroscim.core.sync.state;

import java.time.Instant;

/**
 * What the last reconcile found and did.
 *
 * @param at      when it finished
 * @param changes Identity Store write calls it caused (planned calls, applied directly or through the outbox)
 * @param drift   differences found between the Identity Store and what we had recorded or want
 * @param error   why it stopped early, or {@code null}
 */
public record ReconcileReport(Instant at, int changes, int drift, String error) {}
