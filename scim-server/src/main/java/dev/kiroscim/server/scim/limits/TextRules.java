package dev.kiroscim.server.scim.limits;

import java.util.Optional;

/**
 * Which characters a stored or compared text may hold. Rejected, with 400, on both databases alike:
 * <ul>
 *   <li>C0 control characters other than tab, line feed and carriage return (U+0000–U+0008, U+000B, U+000C,
 *       U+000E–U+001F) and DEL (U+007F): PostgreSQL cannot store U+0000 at all ("invalid byte sequence"), H2 can,
 *       and none of them belongs in a name, an address or an id. Tab and line breaks stay: RFC 7643's
 *       {@code addresses.formatted} example has a line break.</li>
 *   <li>unpaired UTF-16 surrogates (a JSON {@code "\ud800"} escape): they are not Unicode text, and PostgreSQL's
 *       driver would silently store {@code ?} instead while H2 keeps them.</li>
 * </ul>
 * Rejecting rather than stripping keeps what is stored equal to what the client sent; an IdP that sends such a
 * value learns it from the error instead of finding a different value later.
 */
public final class TextRules {

    private TextRules() {}

    /** The first offending character described, e.g. {@code "control character U+0000 at position 3"}; empty when clean. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return Optional.of(String.format("control character U+%04X at position %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(String.format("unpaired surrogate U+%04X at position %d", (int) c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(String.format("unpaired surrogate U+%04X at position %d", (int) c, i));
            }
        }
        return Optional.empty();
    }
}
