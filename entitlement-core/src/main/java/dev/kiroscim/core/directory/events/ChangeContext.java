package dev.kiroscim.core.directory.events;

import java.time.Instant;

/**
 * Who made a change and when: {@code actor} is the API token's name (or {@code system} for the scheduler, the
 * reconciler and the sync worker), {@code requestId} ties everything one HTTP request did together.
 */
public record ChangeContext(String actor, String requestId, Instant at) {

    public static final String SYSTEM = "system";
}
