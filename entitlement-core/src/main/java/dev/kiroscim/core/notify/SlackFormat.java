package dev.kiroscim.core.notify;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.CanonicalJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming-webhook message: {@code text} (the notification and fallback line) and {@code blocks} — a
 * {@code section} with the sentence in {@code mrkdwn} and a {@code context} line with the event type, time and who
 * acted. Example:
 * <pre>{@code
 * {"blocks":[{"text":{"text":"*Ann Example* is 3rd in line for Kiro Pro+ (Kiro-Platform is full: 20/20)","type":"mrkdwn"},"type":"section"},
 *            {"elements":[{"text":"seat.waitlisted · 2026-12-01T09:02:00Z · by okta","type":"mrkdwn"}],"type":"context"}],
 *  "text":"Ann Example is 3rd in line for Kiro Pro+ (Kiro-Platform is full: 20/20)"}
 * }</pre>
 * The sentences are written by {@link SlackSentences}.
 */
public final class SlackFormat {

    public static final String CONTENT_TYPE = "application/json";

    private SlackFormat() {}

    public static String write(AuditEvent event, PeopleAndPools lookup) {
        SlackSentences.Sentence sentence = SlackSentences.of(event, lookup);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", Map.of("type", "mrkdwn", "text", sentence.markdown()));
        String context = escape(event.type() + " · " + event.at() + " · by " + event.actor());
        Map<String, Object> contextBlock = new LinkedHashMap<>();
        contextBlock.put("type", "context");
        contextBlock.put("elements", List.of(Map.of("type", "mrkdwn", "text", context)));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", sentence.plain());
        message.put("blocks", List.of(section, contextBlock));
        return CanonicalJson.write(message);
    }

    /** Slack's three control characters in text objects: {@code & < >}. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
