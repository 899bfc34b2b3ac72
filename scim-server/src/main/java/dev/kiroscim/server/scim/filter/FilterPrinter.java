package dev.kiroscim.server.scim.filter;

/**
 * Prints a {@link Filter} as canonical text: keywords and operators in lower case, strings JSON-quoted, and every
 * {@code and}/{@code or} wrapped in parentheses so that the printed text shows how the parser grouped it.
 *
 * <p>Example: {@code title pr or userType eq "Employee" and active eq true} prints as
 * {@code (title pr or (userType eq "Employee" and active eq true))}; {@code emails[type eq "work"].value eq "a@b.c"}
 * prints as {@code emails[(type eq "work" and value eq "a@b.c")]}.
 */
public final class FilterPrinter {

    private FilterPrinter() {}

    /** @return the canonical text of {@code filter}. */
    public static String print(Filter filter) {
        StringBuilder out = new StringBuilder();
        append(out, filter);
        return out.toString();
    }

    private static void append(StringBuilder out, Filter filter) {
        if (filter instanceof Filter.And and) {
            appendBinary(out, and.left(), "and", and.right());
        } else if (filter instanceof Filter.Or or) {
            appendBinary(out, or.left(), "or", or.right());
        } else if (filter instanceof Filter.Not not) {
            out.append("not ");
            // and/or print their own parentheses; anything else needs them because RFC 7644 requires "not (...)".
            boolean selfParenthesised = not.inner() instanceof Filter.And || not.inner() instanceof Filter.Or;
            out.append(selfParenthesised ? "" : "(");
            append(out, not.inner());
            out.append(selfParenthesised ? "" : ")");
        } else if (filter instanceof Filter.Compare compare) {
            out.append(compare.path())
                    .append(' ')
                    .append(compare.op().keyword())
                    .append(' ')
                    .append(compare.value());
        } else if (filter instanceof Filter.Present present) {
            out.append(present.path()).append(" pr");
        } else if (filter instanceof Filter.ValuePath valuePath) {
            out.append(valuePath.attribute()).append('[');
            append(out, valuePath.inner());
            out.append(']');
        }
    }

    private static void appendBinary(StringBuilder out, Filter left, String keyword, Filter right) {
        out.append('(');
        append(out, left);
        out.append(' ').append(keyword).append(' ');
        append(out, right);
        out.append(')');
    }

    /** @return {@code value} as a JSON string literal, e.g. {@code say "hi"} → {@code "say \"hi\""}. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
