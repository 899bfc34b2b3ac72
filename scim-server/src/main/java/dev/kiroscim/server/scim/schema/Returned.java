package dev.kiroscim.server.scim.schema;

/** RFC 7643 §2.2 "returned". */
public enum Returned {
    ALWAYS,
    NEVER,
    DEFAULT,
    REQUEST;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
