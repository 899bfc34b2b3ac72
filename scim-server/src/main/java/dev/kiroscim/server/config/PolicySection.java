package dev.kiroscim.server.config;

import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.PolicyLoader;
import java.util.Optional;
import java.util.Set;

/**
 * The entitlement policy: the top-level {@code tiers}, {@code pools}, {@code overage} and {@code billing} (see
 * {@link PolicyLoader} for the format). A file with none of them runs the built-in default; a file with any of them
 * must hold a complete policy (an {@code overage:} alone is an error, not silently ignored).
 *
 * @param declared the file's policy; empty when the file declares none
 */
public record PolicySection(Optional<Policy> declared) {

    public static final ConfigSection<PolicySection> SECTION = new ConfigSection<>() {
        @Override
        public Set<String> keys() {
            return PolicyLoader.KEYS;
        }

        @Override
        public PolicySection read(ConfigNode root, ConfigProblems problems) {
            if (!PolicyLoader.declaresPolicy(root.node())) {
                return new PolicySection(Optional.empty());
            }
            return new PolicySection(PolicyLoader.read(root.node(), problems.list()));
        }

        @Override
        public String toString() {
            return "policy";
        }
    };
}
