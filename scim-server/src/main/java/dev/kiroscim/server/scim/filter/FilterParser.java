package dev.kiroscim.server.scim.filter;

import dev.kiroscim.server.scim.filter.FilterToken.Kind;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A hand-written recursive-descent parser for SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2).
 *
 * <p>It replaces SCIMple 1.0.0-M1's ANTLR parser, which gives {@code and} and {@code or} the same precedence, silently
 * drops everything after {@code valuePath]}, rejects {@code members.$ref} and {@code True}, and prints to stderr.
 *
 * <p>Grammar (keywords and operators case-insensitive, tokens separated by any number of spaces or tabs):
 * <pre>
 * filter    = or EOF
 * or        = and *("or" and)                       ; left-associative, binds loosest
 * and       = unary *("and" unary)                  ; left-associative
 * unary     = "not" "(" or ")" / "(" or ")" / attrExp
 * attrExp   = attrPath "pr" / attrPath compareOp value
 *           / attrPath "[" or "]" ["." subAttr ("pr" / compareOp value)]   ; brackets do not nest
 * value     = JSON string / true / false / null / JSON number / bare word   ; true/false/null in any case
 * patchPath = attrPath / attrPath "[" or "]" ["." subAttr]
 * </pre>
 *
 * <p>Decisions beyond the RFC, each for an IdP we must accept (see docs/idp-quirks.md §I11):
 * <ul>
 *   <li>{@code emails[type eq "work"].value eq "a@b.c"} (Microsoft Entra) is accepted and desugared to
 *       {@code emails[type eq "work" and value eq "a@b.c"]}.</li>
 *   <li>A bare word where a value is expected is a string: {@code userName eq alice} = {@code userName eq "alice"};
 *       {@code True}/{@code FALSE} are booleans. Only {@code and} and {@code or} are refused as bare values, so that a
 *       missing value ({@code userName eq and x eq "y"}) is reported rather than guessed.</li>
 *   <li>{@code not} must be followed by {@code (} as the RFC requires ({@code not(} without space is fine);
 *       {@code not userName eq "x"} is an error "expected '(' after 'not'". So no attribute can be called {@code not}.</li>
 *   <li>Inside brackets attribute paths are plain sub-attribute names: {@code emails[type eq "work"]}, not
 *       {@code emails[emails.type eq "work"]}.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FilterParser {

    /** Longest filter or PATCH path accepted, in characters: a query string limit, well above any IdP filter. */
    public static final int MAX_FILTER_LENGTH = 4096;

    /**
     * Deepest nesting accepted: every {@code (}, every {@code [} and every {@code not} opens one level, so
     * {@code not (a eq "x")} is two levels deep. Bounds the parser's recursion on hostile input.
     */
    public static final int MAX_NESTING_DEPTH = 20;

    /** Most comparisons ({@code eq}, {@code pr}, …) accepted in one filter: bounds the cost of evaluating it. */
    public static final int MAX_COMPARISONS = 100;

    /** Largest digit count and exponent magnitude of a number literal. */
    public static final int MAX_NUMBER_SCALE = 1000;

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$(?i:ref)");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Known schema URNs, longest first so that the longest prefix wins. */
    private final List<String> knownSchemaUrns;

    /**
     * @param knownSchemaUrns the schema URNs that may prefix an attribute path, e.g.
     *     {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}; used to split
     *     {@code urn:…:enterprise:2.0:User:manager.value} into URN, attribute and sub-attribute (longest known prefix,
     *     case-insensitive, returned in the spelling given here). An unknown {@code urn:} prefix splits at the last
     *     {@code :}.
     */
    public FilterParser(Set<String> knownSchemaUrns) {
        this.knownSchemaUrns = knownSchemaUrns.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /**
     * Parses a {@code filter} query parameter (already URL-decoded).
     *
     * @throws FilterParseException if {@code text} is empty, too long, too deep, has too many comparisons, is not a
     *     filter, or has anything left after the filter
     */
    public Filter parseFilter(String text) throws FilterParseException {
        Parse parse = new Parse(tokenize(text, "filter"));
        if (parse.peek().kind() == Kind.EOF) {
            throw new FilterParseException(
                    "filter is empty; expected an attribute path, '(' or 'not'",
                    parse.peek().start());
        }
        Filter filter = parse.or();
        parse.expectClosing(Kind.EOF, "end of filter");
        return filter;
    }

    /**
     * Parses the {@code path} of a PATCH operation, e.g. {@code emails[type eq "work"].value}.
     *
     * @throws FilterParseException if {@code text} is not {@code attrPath} or {@code valuePath [.subAttr]}
     */
    public PatchPath parsePatchPath(String text) throws FilterParseException {
        Parse parse = new Parse(tokenize(text, "PATCH path"));
        FilterToken first = parse.next();
        if (first.kind() != Kind.WORD) {
            throw parse.expected("an attribute path", first);
        }
        AttributePath attribute = parse.attributePath(first, false, true);
        if (parse.peek().kind() != Kind.LBRACKET) {
            parse.expectEnd(attribute.attribute() == null ? "end of path" : "'[' or end of path");
            return new PatchPath(attribute, null, null);
        }
        Filter valueFilter = parse.bracketed(first, attribute);
        String subAttribute = null;
        if (parse.peekDotSubAttribute()) {
            subAttribute = parse.dotSubAttribute();
            parse.expectEnd("end of path");
        } else {
            parse.expectEnd("'.' sub-attribute or end of path");
        }
        return new PatchPath(attribute, valueFilter, subAttribute);
    }

    private static List<FilterToken> tokenize(String text, String what) throws FilterParseException {
        Objects.requireNonNull(text, what);
        if (text.length() > MAX_FILTER_LENGTH) {
            throw new FilterParseException(
                    what + " is " + text.length() + " characters long, more than the maximum of " + MAX_FILTER_LENGTH,
                    MAX_FILTER_LENGTH);
        }
        return FilterTokenizer.tokenize(text);
    }

    /** The state of one parse: the tokens, where we are, and the counters the bounds apply to. */
    private final class Parse {
        private final List<FilterToken> tokens;
        private int index;
        private int depth;
        private int comparisons;
        private boolean inBrackets;

        Parse(List<FilterToken> tokens) {
            this.tokens = tokens;
        }

        FilterToken peek() {
            return tokens.get(index);
        }

        FilterToken next() {
            FilterToken token = tokens.get(index);
            if (token.kind() != Kind.EOF) {
                index++;
            }
            return token;
        }

        /** {@code or = and *("or" and)} */
        Filter or() throws FilterParseException {
            Filter left = and();
            while (peek().isWord("or")) {
                next();
                left = new Filter.Or(left, and());
            }
            return left;
        }

        /** {@code and = unary *("and" unary)} */
        Filter and() throws FilterParseException {
            Filter left = unary();
            while (peek().isWord("and")) {
                next();
                left = new Filter.And(left, unary());
            }
            return left;
        }

        /** {@code unary = "not" "(" or ")" / "(" or ")" / attrExp} */
        Filter unary() throws FilterParseException {
            FilterToken token = peek();
            if (token.isWord("not")) {
                next();
                if (peek().kind() != Kind.LPAREN) {
                    throw expected("'(' after 'not'", peek());
                }
                enter(token);
                Filter inner = parenthesised();
                depth--;
                return new Filter.Not(inner);
            }
            if (token.kind() == Kind.LPAREN) {
                return parenthesised();
            }
            if (token.kind() == Kind.WORD && !token.isWord("and") && !token.isWord("or")) {
                return attributeExpression();
            }
            String after = index == 0 ? "" : " after " + tokens.get(index - 1).describe();
            throw expected("an attribute path, '(' or 'not'" + after, token);
        }

        private Filter parenthesised() throws FilterParseException {
            enter(next());
            Filter inner = or();
            expectClosing(Kind.RPAREN, "')'");
            depth--;
            return inner;
        }

        /** {@code attrPath ("pr" / op value)}, or a value path {@code attrPath "[" or "]"} with Entra's {@code ].sub op value}. */
        private Filter attributeExpression() throws FilterParseException {
            FilterToken pathToken = next();
            AttributePath path = attributePath(pathToken, inBrackets, false);
            if (peek().kind() != Kind.LBRACKET) {
                return operatorAndValue(path, pathToken);
            }
            if (inBrackets) {
                throw new FilterParseException("value filters in brackets may not nest", peek().start());
            }
            Filter inner = bracketed(pathToken, path);
            if (!peekDotSubAttribute()) {
                return new Filter.ValuePath(path, inner);
            }
            FilterToken subToken = peek();
            // Entra: emails[type eq "work"].value eq "a@b.c" means emails[type eq "work" and value eq "a@b.c"].
            Filter onSubAttribute = operatorAndValue(AttributePath.of(dotSubAttribute()), subToken);
            return new Filter.ValuePath(path, new Filter.And(inner, onSubAttribute));
        }

        /** Parses {@code "[" or "]"} after {@code path}; the next token is the {@code [}. */
        Filter bracketed(FilterToken pathToken, AttributePath path) throws FilterParseException {
            if (path.attribute() == null || path.subAttribute() != null) {
                throw expected("a multi-valued attribute name before '['", pathToken);
            }
            enter(next());
            inBrackets = true;
            Filter inner = or();
            expectClosing(Kind.RBRACKET, "']'");
            inBrackets = false;
            depth--;
            return inner;
        }

        private Filter operatorAndValue(AttributePath path, FilterToken pathToken) throws FilterParseException {
            FilterToken operator = peek();
            if (++comparisons > MAX_COMPARISONS) {
                throw new FilterParseException(
                        "filter has more than " + MAX_COMPARISONS + " comparisons", pathToken.start());
            }
            if (operator.isWord("pr")) {
                next();
                return new Filter.Present(path);
            }
            Optional<CompareOp> op =
                    operator.kind() == Kind.WORD ? CompareOp.fromKeyword(operator.text()) : Optional.empty();
            if (op.isEmpty()) {
                throw expected("an operator after " + pathToken.describe(), operator);
            }
            next();
            return new Filter.Compare(path, op.get(), value(operator));
        }

        private FilterValue value(FilterToken operator) throws FilterParseException {
            FilterToken token = peek();
            if (token.kind() == Kind.STRING) {
                next();
                return new FilterValue.Str(token.text());
            }
            if (token.kind() != Kind.WORD || token.isWord("and") || token.isWord("or")) {
                throw expected("a value after " + operator.describe(), token);
            }
            next();
            String word = token.text();
            if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                return new FilterValue.Bool(word.equalsIgnoreCase("true"));
            }
            if (word.equalsIgnoreCase("null")) {
                return new FilterValue.Null();
            }
            if (JSON_NUMBER.matcher(word).matches()) {
                try {
                    BigDecimal number = new BigDecimal(word);
                    // 1e999999999 is a valid BigDecimal whose plain text has a billion digits; no attribute holds such
                    // a number.
                    if (Math.abs((long) number.scale()) > MAX_NUMBER_SCALE || number.precision() > MAX_NUMBER_SCALE) {
                        throw new NumberFormatException(word);
                    }
                    return new FilterValue.Num(number);
                } catch (NumberFormatException outOfRange) {
                    throw new FilterParseException("number " + token.describe() + " is out of range", token.start());
                }
            }
            return new FilterValue.Str(word); // lenient: unquoted literal (docs/idp-quirks.md §I11)
        }

        /** @return whether the next token is {@code .subAttr} (only meaningful right after {@code ]}). */
        boolean peekDotSubAttribute() {
            return peek().kind() == Kind.WORD && peek().text().startsWith(".");
        }

        String dotSubAttribute() throws FilterParseException {
            FilterToken token = next();
            String name = token.text().substring(1);
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw expected("a sub-attribute name after ']'", token);
            }
            return name;
        }

        /**
         * Splits a word into schema URN, attribute and sub-attribute.
         *
         * @param relative inside brackets: only a plain name is allowed
         * @param bareUrnAllowed whether the word may be just a known schema URN (PATCH of a whole extension)
         */
        AttributePath attributePath(FilterToken token, boolean relative, boolean bareUrnAllowed)
                throws FilterParseException {
            String text = token.text();
            String urn = null;
            String rest = text;
            if (text.regionMatches(true, 0, "urn:", 0, 4)) {
                String lower = text.toLowerCase(Locale.ROOT);
                for (String known : knownSchemaUrns) {
                    String knownLower = known.toLowerCase(Locale.ROOT);
                    if (lower.equals(knownLower)) {
                        if (!bareUrnAllowed) {
                            throw new FilterParseException(
                                    "expected ':' and an attribute name after schema URN " + token.describe(),
                                    token.end());
                        }
                        return new AttributePath(known, null, null);
                    }
                    if (lower.startsWith(knownLower + ":")) {
                        urn = known;
                        rest = text.substring(known.length() + 1);
                        break;
                    }
                }
                if (urn == null) {
                    int lastColon = text.lastIndexOf(':');
                    urn = text.substring(0, lastColon);
                    rest = text.substring(lastColon + 1);
                }
            }
            String[] names = rest.split("\\.", -1);
            boolean valid = names.length <= 2;
            for (String name : names) {
                valid &= ATTRIBUTE_NAME.matcher(name).matches();
            }
            if (!valid) {
                throw new FilterParseException("invalid attribute path " + token.describe(), token.start());
            }
            if (relative && (urn != null || names.length > 1)) {
                throw expected("a plain sub-attribute name inside '[...]'", token);
            }
            return new AttributePath(urn, names[0], names.length > 1 ? names[1] : null);
        }

        /** After an expression: the next token must be {@code closing}; anything else gets "expected 'and', 'or' or …". */
        void expectClosing(Kind closing, String description) throws FilterParseException {
            if (peek().kind() != closing) {
                throw expected("'and', 'or' or " + description, peek());
            }
            next();
        }

        void expectEnd(String description) throws FilterParseException {
            if (peek().kind() != Kind.EOF) {
                throw expected(description, peek());
            }
        }

        private void enter(FilterToken opening) throws FilterParseException {
            if (++depth > MAX_NESTING_DEPTH) {
                throw new FilterParseException(
                        "filter nests deeper than " + MAX_NESTING_DEPTH + " levels", opening.start());
            }
        }

        FilterParseException expected(String what, FilterToken found) {
            return new FilterParseException("expected " + what + ", found " + found.describe(), found.start());
        }
    }
}
