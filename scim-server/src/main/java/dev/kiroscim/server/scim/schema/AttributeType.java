package dev.kiroscim.server.scim.schema;

/** SCIM attribute data types (RFC 7643 §2.3). */
public enum AttributeType {
    STRING,
    BOOLEAN,
    DECIMAL,
    INTEGER,
    DATE_TIME,
    BINARY,
    REFERENCE,
    COMPLEX;

    /** The name used in {@code /Schemas}, e.g. {@code dateTime}. */
    public String wireName() {
        return switch (this) {
            case DATE_TIME -> "dateTime";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
