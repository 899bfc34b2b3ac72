package dev.kiroscim.adapter.aws.identitystore;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Identity Store lives, and how fast we may call it. Mirrors the {@code identityCenter:} config block:
 * <pre>{@code
 * identityCenter:
 *   identityStoreId: d-1234567890
 *   region: us-east-1
 *   endpoint: http://127.0.0.1:5000   # optional override, for emulators
 *   maxRequestsPerSecond: 10           # IAM Identity Center allows 20 TPS in total
 * }</pre>
 *
 * @param identityStoreId      {@code d-} and 10 hex digits, or a UUID (find it with {@code sso-admin ListInstances})
 * @param region               the IAM Identity Center home Region, e.g. {@code us-east-1}
 * @param endpoint             an endpoint override (an emulator), or {@code null} for the AWS endpoint
 * @param maxRequestsPerSecond client-side rate limit; IAM Identity Center's 20 TPS are shared by all its APIs
 *                             and cannot be raised, so the default {@value #DEFAULT_MAX_REQUESTS_PER_SECOND}
 *                             leaves half for admins and other tools
 */
public record IdentityStoreApiConfig(String identityStoreId, String region, URI endpoint, double maxRequestsPerSecond) {

    public static final double DEFAULT_MAX_REQUESTS_PER_SECOND = 10;

    private static final Pattern STORE_ID =
            Pattern.compile("d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public IdentityStoreApiConfig {
        Objects.requireNonNull(identityStoreId, "identityStoreId");
        Objects.requireNonNull(region, "region");
        if (!STORE_ID.matcher(identityStoreId).matches()) {
            throw new IllegalArgumentException(
                    "identityStoreId must look like d-1234567890 or a UUID: " + identityStoreId);
        }
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        if (!(maxRequestsPerSecond > 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new IllegalArgumentException(
                    "maxRequestsPerSecond must be a positive number: " + maxRequestsPerSecond);
        }
    }

    /** The AWS endpoint of the Region, at the default rate. */
    public static IdentityStoreApiConfig of(String identityStoreId, String region) {
        return new IdentityStoreApiConfig(identityStoreId, region, null, DEFAULT_MAX_REQUESTS_PER_SECOND);
    }

    public IdentityStoreApiConfig withEndpoint(URI newEndpoint) {
        return new IdentityStoreApiConfig(identityStoreId, region, newEndpoint, maxRequestsPerSecond);
    }

    public IdentityStoreApiConfig withMaxRequestsPerSecond(double rate) {
        return new IdentityStoreApiConfig(identityStoreId, region, endpoint, rate);
    }
}
