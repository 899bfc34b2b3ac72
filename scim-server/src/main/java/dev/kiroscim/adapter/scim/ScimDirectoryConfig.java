package dev.kiroscim.adapter.scim;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the downstream SCIM endpoint is and how fast we may call it; the {@code mode: scim} form of the
 * {@code identityCenter:} config block:
 * <pre>{@code
 * identityCenter:
 *   mode: scim
 *   scimEndpoint: https://scim.us-east-1.amazonaws.com/a1b2c3d4-…/scim/v2
 *   scimTokenFile: /run/secrets/idc-scim-token
 *   maxRequestsPerSecond: 10
 * }</pre>
 *
 * @param endpoint             the SCIM base URL, ending in {@code /scim/v2} for IAM Identity Center; https, or
 *                             http only on a loopback address (an emulator)
 * @param tokenFile            a file holding only the bearer token; re-read when it changes
 * @param maxRequestsPerSecond client-side (or cluster-wide) rate limit; the SCIM endpoint's own rate is not published
 */
public record ScimDirectoryConfig(URI endpoint, Path tokenFile, double maxRequestsPerSecond) {

    public static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 10;

    public ScimDirectoryConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(tokenFile, "tokenFile");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean loopback = "localhost".equals(endpoint.getHost())
                || "127.0.0.1".equals(endpoint.getHost())
                || "[::1]".equals(endpoint.getHost());
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw new IllegalArgumentException(
                    "scimEndpoint must be an https URL (http only for a loopback emulator): " + endpoint);
        }
        if (!(maxRequestsPerSecond > 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new IllegalArgumentException(
                    "maxRequestsPerSecond must be a positive number: " + maxRequestsPerSecond);
        }
    }
}
