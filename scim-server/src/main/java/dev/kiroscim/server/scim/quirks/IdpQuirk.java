package dev.kiroscim.server.scim.quirks;

/**
 * One deviation from RFC 7643/7644 that we accept because a real identity provider sends it.
 *
 * <p>Every implementation is a small class that holds the whole rule and shows, in its Javadoc, the request as sent
 * and as rewritten. {@link IdpRequestNormalizer} applies them to each request before the document reader and the
 * PATCH engine, which implement the RFCs only; {@link IdpQuirks#all()} lists every leniency the server has, with
 * the evidence for it.
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

    /** Where the behaviour is documented: a {@code docs/idp-quirks.md} section and a public issue or URL. */
    String source();
}
