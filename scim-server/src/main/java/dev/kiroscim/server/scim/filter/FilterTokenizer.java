package dev.kiroscim.server.scim.filter;

import dev.kiroscim.server.scim.limits.TextRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a filter into {@link FilterToken}s. Tokens are separated by spaces or tabs (any number: the HTTP layer has
 * already decoded {@code +} to a space, so {@code a++eq} arrives as {@code a  eq}); parentheses, brackets and quotes
 * end a word on their own, so {@code not(} and {@code "work"].value} need no spaces.
 *
 * <p>Strings follow JSON (RFC 8259 §7): {@code \"}, {@code \\}, {@code \/}, {@code \b}, {@code \f}, {@code \n},
 * {@code \r}, {@code \t} and {@code \u00e9} are decoded; any other escape is an error.
 */
final class FilterTokenizer {

    private final String input;
    private int pos;

    private FilterTokenizer(String input) {
        this.input = input;
    }

    /** @return the tokens of {@code input}, always ending with one {@link FilterToken.Kind#EOF} token. */
    static List<FilterToken> tokenize(String input) throws FilterParseException {
        return new FilterTokenizer(input).run();
    }

    private List<FilterToken> run() throws FilterParseException {
        List<FilterToken> tokens = new ArrayList<>();
        while (true) {
            while (pos < input.length() && isBlank(input.charAt(pos))) {
                pos++;
            }
            if (pos == input.length()) {
                tokens.add(new FilterToken(FilterToken.Kind.EOF, "", pos, pos));
                return tokens;
            }
            int start = pos;
            char c = input.charAt(pos);
            FilterToken.Kind single = switch (c) {
                case '(' -> FilterToken.Kind.LPAREN;
                case ')' -> FilterToken.Kind.RPAREN;
                case '[' -> FilterToken.Kind.LBRACKET;
                case ']' -> FilterToken.Kind.RBRACKET;
                default -> null;
            };
            if (single != null) {
                pos++;
                tokens.add(new FilterToken(single, String.valueOf(c), start, pos));
            } else if (c == '"') {
                String value = requireText(readString(), start);
                tokens.add(new FilterToken(FilterToken.Kind.STRING, value, start, pos));
            } else {
                while (pos < input.length() && isWordChar(input.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    throw new FilterParseException(String.format("unexpected control character U+%04X", (int) c), pos);
                }
                tokens.add(new FilterToken(
                        FilterToken.Kind.WORD, requireText(input.substring(start, pos), start), start, pos));
            }
        }
    }

    /** Reads a JSON string starting at the opening quote at {@code pos}; leaves {@code pos} after the closing quote. */
    private String readString() throws FilterParseException {
        int opening = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            int escape = pos - 1;
            if (pos == input.length()) {
                break;
            }
            char e = input.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(readUnicodeEscape(escape));
                default -> throw new FilterParseException("invalid escape '\\" + e + "' in string", escape);
            }
        }
        throw new FilterParseException("unterminated string starting", opening);
    }

    /** Literals follow the same character rules as stored values ({@link TextRules}): no NUL reaches a query. */
    private static String requireText(String literal, int start) throws FilterParseException {
        Optional<String> problem = TextRules.problem(literal);
        if (problem.isPresent()) {
            throw new FilterParseException(
                    "the literal holds a " + problem.get() + " of the literal, which starts", start);
        }
        return literal;
    }

    private char readUnicodeEscape(int escape) throws FilterParseException {
        if (pos + 4 > input.length()) {
            throw new FilterParseException("expected 4 hex digits after '\\u'", escape);
        }
        String hex = input.substring(pos, pos + 4);
        if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            throw new FilterParseException("expected 4 hex digits after '\\u'", escape);
        }
        pos += 4;
        return (char) Integer.parseInt(hex, 16);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isWordChar(char c) {
        return c >= 0x20 && c != ' ' && c != '(' && c != ')' && c != '[' && c != ']' && c != '"';
    }
}
