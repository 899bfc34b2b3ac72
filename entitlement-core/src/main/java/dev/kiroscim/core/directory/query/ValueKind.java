package dev.kiroscim.core.directory.query;

/**
 * How a field's values are compared. Strings compare as text (case-insensitively unless caseExact), booleans only
 * for (in)equality, instants chronologically (RFC 7644 §3.4.2.2: dateTime values compare as dates, not text).
 */
public enum ValueKind {
    STRING,
    BOOLEAN,
    INSTANT,
    NUMBER
}
