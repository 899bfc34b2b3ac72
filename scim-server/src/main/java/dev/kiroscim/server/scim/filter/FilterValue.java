package dev.kiroscim.server.scim.filter;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The {@code compValue} of RFC 7644 §3.4.2.2: a JSON string, boolean, number or {@code null}.
 *
 * <p>Note that {@code roles[primary eq "True"]} (Entra, docs/idp-quirks.md §I4) yields a {@link Str}, not a {@link Bool}:
 * the parser keeps what was written; a query's resolver, or for a PATCH path the quirks normaliser, coerces it against
 * the attribute's type.
 *
 * <p>{@code toString()} of each value is its literal as printed in a canonical filter: {@code "work"}, {@code true},
 * {@code 1E+3}, {@code null}.
 */
public sealed interface FilterValue permits FilterValue.Str, FilterValue.Bool, FilterValue.Num, FilterValue.Null {

    /** A string, from a JSON string ({@code "alice"}) or, leniently, from a bare word ({@code alice}). */
    record Str(String value) implements FilterValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return FilterPrinter.quote(value);
        }
    }

    /** {@code true} / {@code false}, written in any case ({@code True}, {@code FALSE}). */
    record Bool(boolean value) implements FilterValue {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A JSON number: {@code 42}, {@code -1.5}, {@code 1e3}. */
    record Num(BigDecimal value) implements FilterValue {
        public Num {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** The literal {@code null}. */
    record Null() implements FilterValue {
        @Override
        public String toString() {
            return "null";
        }
    }
}
