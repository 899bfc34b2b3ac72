package dev.kiroscim.core.seats;

/**
 * Why an idle seat was reclaimed, as recorded in {@code seat.reclaimed}.
 *
 * @param lastActivity the last day with Kiro activity (ISO date), or null when none since the grant
 * @param daysIdle     days without activity up to the report's last day
 */
public record ReclaimEvidence(String lastActivity, long daysIdle) {}
