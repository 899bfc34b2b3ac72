package dev.kiroscim.server.scim.filter;

/**
 * A filter or PATCH path that does not follow RFC 7644 §3.4.2.2 / §3.5.2, or exceeds one of the parser's bounds. The
 * HTTP layer maps it to {@code 400} with {@code scimType} {@code invalidFilter} (or {@code invalidPath}).
 *
 * <p>The message says what was expected and where, e.g. {@code expected an operator after 'userName' at position 9}.
 */
public final class FilterParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param problem what was expected or what went wrong, without the position
     * @param position the 0-based character offset in the input where the problem was found
     */
    public FilterParseException(String problem, int position) {
        super(problem + " at position " + position);
        this.position = position;
    }

    /** @return the 0-based character offset in the input where the problem was found. */
    public int position() {
        return position;
    }
}
