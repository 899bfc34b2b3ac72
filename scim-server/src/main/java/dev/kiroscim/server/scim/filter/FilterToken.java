package dev.kiroscim.server.scim.filter;

/**
 * One token of a filter or PATCH path, as cut by {@link FilterTokenizer}.
 *
 * @param kind what the token is
 * @param text for {@link Kind#STRING} the decoded string value; otherwise the characters as written
 * @param start 0-based offset of the first character
 * @param end 0-based offset just past the last character
 */
record FilterToken(Kind kind, String text, int start, int end) {

    enum Kind {
        /** {@code (} */
        LPAREN,
        /** {@code )} */
        RPAREN,
        /** {@code [} */
        LBRACKET,
        /** {@code ]} */
        RBRACKET,
        /** A JSON string literal such as {@code "work"}. */
        STRING,
        /**
         * Any other run of characters up to whitespace, a bracket, a parenthesis or a quote: attribute paths
         * ({@code urn:…:User:manager.value}, {@code members.$ref}), keywords ({@code and}, {@code eq}), numbers,
         * {@code true}/{@code false}/{@code null}, bare-word values, and {@code .value} after {@code ]}.
         */
        WORD,
        /** End of input. */
        EOF
    }

    boolean isWord(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** @return how the token is quoted in error messages, e.g. {@code 'userName'} or {@code end of input}. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case STRING -> FilterPrinter.quote(text);
            default -> "'" + text + "'";
        };
    }
}
