package dev.kiroscim.core.directory.query;

/** Comparison operators of RFC 7644 §3.4.2.2 (without {@code pr}, which is {@link Criteria.Present}). */
public enum Operator {
    EQ,
    NE,
    CO,
    SW,
    EW,
    GT,
    GE,
    LT,
    LE;

    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }
}
