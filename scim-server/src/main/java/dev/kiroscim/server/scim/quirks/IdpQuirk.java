package dev.kiroscim.server.scim.quirks;

/**
 * One deviation from RFC 7643/7644 that we accept because a real identity provider sends it.
 *
 * <p>Every implementation is a small class that holds the whole rule, so {@link IdpQuirks#all()} lists every
 * leniency the server has, with the evidence for it. The reader and the PATCH engine reach the rules only through
 * {@link IdpQuirks}.
 */
public interface IdpQuirk {

    /** Short stable name, the simple class name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Which client sends the shape, e.g. {@code Microsoft Entra ID}. */
    String idp();

    /** One line: what we accept and what we do with it. */
    String description();

    /** Where the behaviour is documented: {@code idp-compat.md} section and a public issue or URL. */
    String source();
}
