package dev.kiroscim.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One appended, hash-chained audit event.
 *
 * <p>{@code hash = hex(SHA-256(previousHash + canonicalJson()))}, where {@code previousHash} is the hash of the
 * event with {@code seq - 1} (or the checkpoint's anchor after pruning, or 64 zeros for the first event). See
 * {@link #canonicalJson()} for the exact bytes hashed.
 *
 * @param seq       1, 2, 3… without gaps, in append order across all server replicas
 * @param at        when the change happened (UTC, millisecond precision)
 * @param actor     API token name, {@code system} for the scheduler/reconciler/worker, {@code cli:<user>} for the CLI
 * @param requestId ties the events of one HTTP request together; null for events outside a request
 */
public record AuditEvent(
        long seq,
        Instant at,
        String type,
        String actor,
        AuditSubject subject,
        AuditSubject group,
        Map<String, Object> details,
        String requestId,
        String previousHash,
        String hash) {

    public AuditEvent {
        at = Instant.ofEpochMilli(at.toEpochMilli());
        details = CanonicalJson.copyOf(details);
    }

    /**
     * The hashed form: a JSON object with exactly these members, written by {@link CanonicalJson} (keys sorted,
     * no whitespace, nulls written as {@code null}):
     * <pre>{@code
     * {"actor":"okta","at":1790812800000,"details":{"active":{"after":false,"before":true}},
     *  "group":null,"requestId":"r-1","seq":7,
     *  "subject":{"id":"2819c223","kind":"user","name":"alice@example.com"},"type":"scim.user.deactivated"}
     * }</pre>
     * ({@code group} is {@code {"id":…,"kind":"group","name":…}} when set.) {@code previousHash} and {@code hash}
     * are not part of it: the previous hash is prepended as text before hashing.
     */
    public String canonicalJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("actor", actor);
        doc.put("at", at.toEpochMilli());
        doc.put("details", details);
        doc.put("group", subjectMap(group));
        doc.put("requestId", requestId);
        doc.put("seq", seq);
        doc.put("subject", subjectMap(subject));
        doc.put("type", type);
        return CanonicalJson.write(doc);
    }

    private static Map<String, Object> subjectMap(AuditSubject s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.kind());
        m.put("name", s.name());
        return m;
    }

    /** This event with its {@code previousHash} and a freshly computed {@code hash}. */
    public AuditEvent chainedTo(String previous) {
        AuditEvent unhashed = new AuditEvent(seq, at, type, actor, subject, group, details, requestId, previous, null);
        return new AuditEvent(
                seq, at, type, actor, subject, group, details, requestId, previous, ChainHash.of(previous, unhashed));
    }
}
