package dev.kiroscim.server.scim.filter;

import java.util.Locale;
import java.util.Optional;

/**
 * The comparison operators of RFC 7644 §3.4.2.2. {@code pr} is not here because it takes no value and is modelled as
 * {@link Filter.Present}. Operators are matched case-insensitively ({@code userName EQ "x"} is valid), printed in
 * lower case.
 */
public enum CompareOp {
    EQ,
    NE,
    CO,
    SW,
    EW,
    GT,
    GE,
    LT,
    LE;

    /** @return the operator spelled {@code word} in any case, e.g. {@code "Eq"} → {@link #EQ}; empty if none. */
    public static Optional<CompareOp> fromKeyword(String word) {
        for (CompareOp op : values()) {
            if (op.name().equalsIgnoreCase(word)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** @return the operator as written in a canonical filter, e.g. {@code "eq"}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
