package dev.kiroscim.core.sync.engine;

/**
 * A difference between the Identity Store and what we recorded or want, found by a reconcile, with its repair.
 * Example: {@code Drift(null, "mallory@example.com", "member of kiro-power without a seat", "remove the membership")}.
 */
public record Drift(String scimUserId, String userName, String found, String repair) {}
