package dev.kiroscim.core.console;

import java.util.Locale;

/** What a console user may do: everything, or look only (every state-changing request is refused by the API). */
public enum ConsoleRole {
    ADMIN,
    READ_ONLY;

    public String wireName() {
        return this == ADMIN ? "admin" : "read-only";
    }

    public static ConsoleRole parse(String wire) {
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "read-only" -> READ_ONLY;
            default -> throw new IllegalArgumentException("unknown console role '" + wire + "'");
        };
    }
}
