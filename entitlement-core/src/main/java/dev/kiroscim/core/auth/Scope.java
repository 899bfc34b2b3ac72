package dev.kiroscim.core.auth;

import java.util.Locale;

/** What a token may do: provision over SCIM, or administer (seats, tokens, sync, audit). */
public enum Scope {
    SCIM,
    ADMIN;

    public static Scope parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scope '" + text + "' (expected scim or admin)");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
