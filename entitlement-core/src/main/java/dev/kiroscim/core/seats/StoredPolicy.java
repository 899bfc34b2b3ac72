package dev.kiroscim.core.seats;

import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.policy.PolicyLoader;
import java.time.Instant;
import java.util.Objects;

/**
 * The cluster's active policy as stored in the database: the file's text exactly as it was loaded, so every replica
 * parses the same thing with its own {@link PolicyLoader} (fields added to the policy format later travel with the
 * text), and its SHA-256, which is what replicas compare.
 *
 * @param sha256   hex SHA-256 of {@code content} ({@code ""} for the built-in default)
 * @param source   the file it came from, or {@link PolicyInForce#BUILT_IN}
 * @param content  the file's text ({@code ""} for the built-in default)
 * @param storedAt when it became the active policy
 * @param storedBy who applied it: {@code replica r-…}, {@code cli:policy apply}, an admin token's name…
 */
public record StoredPolicy(String sha256, String source, String content, Instant storedAt, String storedBy) {

    public StoredPolicy {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(storedBy, "storedBy");
    }

    /** Parses the stored text. @throws PolicyException when this replica's loader rejects it (e.g. a newer format) */
    public PolicyInForce parse() throws PolicyException {
        if (PolicyInForce.BUILT_IN.equals(source) && content.isEmpty()) {
            return PolicyInForce.builtInDefault();
        }
        return new PolicyInForce(PolicyLoader.parse(content, source), source, sha256);
    }
}
