package dev.kiroscim.core.notify;

import java.util.Locale;

/** How a delivery's body is written: a CloudEvents 1.0 structured JSON event, or a Slack incoming-webhook message. */
public enum NotificationFormat {
    CLOUDEVENTS,
    SLACK;

    /** {@code cloudevents} or {@code slack}, as written in the configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationFormat parse(String text) {
        for (NotificationFormat f : values()) {
            if (f.wireName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be cloudevents or slack, not '" + text + "'");
    }
}
