package dev.kiroscim.server.scim.filter;

import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). Built by {@link FilterParser}; {@link #toString()} of every node gives a
 * canonical, fully parenthesised text (see {@link FilterPrinter}), e.g. {@code title pr or userType eq "Employee" and
 * active eq true} prints as {@code (title pr or (userType eq "Employee" and active eq true))}.
 */
public sealed interface Filter
        permits Filter.And, Filter.Or, Filter.Not, Filter.Compare, Filter.Present, Filter.ValuePath {

    /** {@code left and right}. */
    record And(Filter left, Filter right) implements Filter {
        public And {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }

    /** {@code left or right}. */
    record Or(Filter left, Filter right) implements Filter {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }

    /** {@code not (inner)}. */
    record Not(Filter inner) implements Filter {
        public Not {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }

    /** {@code path op value}, e.g. {@code userName eq "alice"}. */
    record Compare(AttributePath path, CompareOp op, FilterValue value) implements Filter {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }

    /** {@code path pr}: the attribute has a non-empty value. */
    record Present(AttributePath path) implements Filter {
        public Present {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }

    /** {@code emails[type eq "work" and value co "x"]}: inner is evaluated per element of the multi-valued attribute; inner paths are relative (no schema URN, attribute = sub-attribute name). */
    record ValuePath(AttributePath attribute, Filter inner) implements Filter {
        public ValuePath {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public String toString() {
            return FilterPrinter.print(this);
        }
    }
}
