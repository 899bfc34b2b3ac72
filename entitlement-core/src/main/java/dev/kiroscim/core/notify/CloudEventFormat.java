package dev.kiroscim.core.notify;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudEvents 1.0 event in structured JSON mode ({@code Content-Type: application/cloudevents+json}), with the audit
 * event as {@code data}:
 * <pre>{@code
 * {"data":{"actor":"okta","at":"2026-12-01T09:02:00Z","details":{"pool":"Kiro-Platform","position":3,…},
 *          "group":null,"requestId":"r-1","seq":42,"subject":{"id":"2819c223","kind":"user","name":"ann@example.com"},
 *          "type":"seat.waitlisted"},
 *  "datacontenttype":"application/json","id":"5f0c…(the audit event's hash)","source":"/kiro-scim-bridge",
 *  "specversion":"1.0","subject":"user/2819c223","time":"2026-12-01T09:02:00Z","type":"dev.kiroscim.seat.waitlisted"}
 * }</pre>
 * {@code id} is the audit event's chain hash: unique per event, the same on every retry, so receivers deduplicate on
 * it. {@code type} is the audit type behind the reverse-DNS prefix {@value #TYPE_PREFIX} the spec recommends.
 */
public final class CloudEventFormat {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SOURCE = "/kiro-scim-bridge";
    public static final String TYPE_PREFIX = "dev.kiroscim.";

    private CloudEventFormat() {}

    public static String write(AuditEvent event) {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", eventId(event));
        ce.put("source", SOURCE);
        ce.put("type", TYPE_PREFIX + event.type());
        ce.put("subject", subject(event.subject()));
        ce.put("time", event.at().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data(event));
        return CanonicalJson.write(ce);
    }

    /** The deduplication id of an event: its audit hash. */
    public static String eventId(AuditEvent event) {
        return event.hash();
    }

    /** {@code user/2819c223}, {@code pool/Kiro-Platform}, {@code token/okta}: the kind and stable id of the subject. */
    public static String subject(AuditSubject s) {
        return s.kind() + "/" + (s.id() == null ? "" : s.id());
    }

    /** The audit event as the admin API shows it (time as ISO-8601), without the hash-chain fields. */
    public static Map<String, Object> data(AuditEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("seq", event.seq());
        data.put("at", event.at().toString());
        data.put("type", event.type());
        data.put("actor", event.actor());
        data.put("subject", subjectMap(event.subject()));
        data.put("group", event.group() == null ? null : subjectMap(event.group()));
        data.put("details", event.details());
        data.put("requestId", event.requestId());
        return data;
    }

    private static Map<String, Object> subjectMap(AuditSubject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", s.kind());
        m.put("id", s.id());
        m.put("name", s.name());
        return m;
    }
}
