package dev.kiroscim.server.config;

/**
 * SCIM behaviour an operator can configure ({@code scim:} in the config file).
 *
 * @param maxResults       the advertised {@code filter.maxResults}; {@code count} is capped at it
 * @param patchNoContent   {@code scim.patchResponse: no-content} answers PATCH with 204 instead of 200 + resource
 */
public record ScimSettings(int maxResults, boolean patchNoContent) {

    public static final ScimSettings DEFAULTS = new ScimSettings(200, false);
}
