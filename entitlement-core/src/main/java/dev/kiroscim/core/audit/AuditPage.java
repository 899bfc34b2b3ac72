package dev.kiroscim.core.audit;

import java.util.List;

/** One page of a query; {@code next} is the cursor of the following page, or null at the end. */
public record AuditPage(List<AuditEvent> events, String next) {

    public AuditPage {
        events = List.copyOf(events);
    }
}
