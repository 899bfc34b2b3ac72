package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.Policy;
import java.util.Objects;

/**
 * The policy a server applies, with where it came from, e.g.
 * {@code (policy, "/etc/kiro/kiro-scim.yaml", "9f86d0…")} or {@code (Policy.builtInDefault(), "built-in", "")}.
 *
 * @param source        the config file path, or {@link #BUILT_IN}
 * @param contentSha256 hex SHA-256 of the file's bytes ({@code ""} for the built-in default), so audit readers can
 *                      tell two loads apart
 */
public record PolicyInForce(Policy policy, String source, String contentSha256) {

    public static final String BUILT_IN = "built-in";

    public PolicyInForce {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contentSha256, "contentSha256");
    }

    public static PolicyInForce builtInDefault() {
        return new PolicyInForce(Policy.builtInDefault(), BUILT_IN, "");
    }
}
