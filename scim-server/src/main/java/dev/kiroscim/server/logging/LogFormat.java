package dev.kiroscim.server.logging;

import java.util.Locale;

/**
 * How the server writes its log lines to standard error: {@code plain} text for a person at a terminal (the default),
 * or {@code json}, one object per line for a log shipper ({@code serve --log-format json}, env
 * {@code KIRO_SCIM_LOG_FORMAT}).
 */
public enum LogFormat {
    PLAIN,
    JSON;

    /** {@code "json"} → {@link #JSON}; case does not matter; anything but plain or json is refused with the choices. */
    public static LogFormat parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (LogFormat f : values()) {
            if (f.wireName().equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown log format '" + text + "': use plain or json");
    }

    /** The name in {@code --log-format} and in {@code logback.xml}'s appender names. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
