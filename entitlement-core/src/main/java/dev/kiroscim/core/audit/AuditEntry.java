package dev.kiroscim.core.audit;

import java.util.Map;

/**
 * An event before it is appended: what happened ({@code type}), to whom ({@code subject}) and the details. The
 * log adds the sequence number, the time, the actor and request id (from the change's context) and the hash.
 * Build entries with {@link AuditEvents}.
 *
 * @param group   the SCIM group the event is about, when there is one (membership and group events), so that
 *                {@code ?group=} finds it; null otherwise
 * @param details canonical-JSON values only (see {@link CanonicalJson}); copied into a sorted, unmodifiable map
 */
public record AuditEntry(String type, AuditSubject subject, AuditSubject group, Map<String, Object> details) {

    public AuditEntry {
        if (!AuditEvents.isKnownType(type)) {
            throw new IllegalArgumentException("unknown audit event type '" + type + "'");
        }
        if (subject == null) {
            throw new IllegalArgumentException("an audit event needs a subject");
        }
        details = CanonicalJson.copyOf(details);
    }

    /** This entry with one more detail, e.g. {@code seatWaitlisted(…).with("position", 3)}. */
    public AuditEntry with(String key, Object value) {
        java.util.Map<String, Object> more = new java.util.TreeMap<>(details);
        more.put(key, value);
        return new AuditEntry(type, subject, group, more);
    }
}
