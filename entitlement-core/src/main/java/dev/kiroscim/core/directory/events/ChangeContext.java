package dev.kiroscim.core.directory.events;

import java.time.Instant;

/**
 * Who made a change and when: {@code actor} is the API token's name (or {@code system} for the scheduler, the
 * reconciler and the sync worker), {@code requestId} ties everything one HTTP request did together. {@code by}
 * is the same actor, typed, with the source address when the change came over HTTP.
 */
public record ChangeContext(String actor, String requestId, Instant at, Actor by) {

    public static final String SYSTEM = "system";

    public ChangeContext {
        if (by == null) {
            by = Actor.fromAuditName(actor);
        }
    }

    public ChangeContext(String actor, String requestId, Instant at) {
        this(actor, requestId, at, null);
    }

    public static ChangeContext of(Actor by, String requestId, Instant at) {
        return new ChangeContext(by.auditName(), requestId, at, by);
    }
}
