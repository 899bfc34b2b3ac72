package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiConfig;
import dev.kiroscim.core.sync.engine.Offboarding;
import dev.kiroscim.core.sync.engine.SyncSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code identityCenter:} config section:
 * <pre>
 * identityCenter:
 *   identityStoreId: d-1234567890      # absent: plan-only mode (nothing is sent)
 *   region: us-east-1
 *   endpoint: http://127.0.0.1:5000    # optional, for emulators
 *   maxRequestsPerSecond: 10           # IAM Identity Center allows 20 TPS in total
 *   offboarding: remove-membership     # or delete-user
 *   reconcileInterval: PT6H
 * </pre>
 *
 * @param store      where to send calls; empty in plan-only mode
 * @param settings   offboarding and reconcile interval, with the worker's defaults
 */
public record IdentityCenterSection(Optional<IdentityStoreApiConfig> store, SyncSettings settings) {

    private static final Set<String> KEYS = Set.of("identityStoreId", "region", "endpoint", "maxRequestsPerSecond",
            "offboarding", "reconcileInterval", "claimLease");

    /**
     * How long an outbox claim lasts without renewal. Workers renew it at every Identity Store call, so it only runs
     * out when a replica is frozen or dead: then another replica takes the user over after at most this long.
     */
    static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(30);

    static IdentityCenterSection from(Path file, JsonNode node) {
        SyncSettings settings = SyncSettings.defaults().withLease(DEFAULT_CLAIM_LEASE);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new IdentityCenterSection(Optional.empty(), settings);
        }
        if (!node.isObject()) {
            throw new ConfigException(file + ": identityCenter must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException(file + ": unknown key identityCenter." + key + " (known: " + String.join(", ", KEYS) + ")");
            }
        }
        try {
            if (node.hasNonNull("offboarding")) {
                settings = settings.withOffboarding(Offboarding.parse(node.get("offboarding").asText()));
            }
            if (node.hasNonNull("reconcileInterval")) {
                Duration d = Duration.parse(node.get("reconcileInterval").asText());
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("reconcileInterval must be positive");
                }
                settings = settings.withReconcileInterval(d);
            }
            if (node.hasNonNull("claimLease")) {
                Duration d = Duration.parse(node.get("claimLease").asText());
                if (d.toMillis() < 1000) {
                    throw new IllegalArgumentException("claimLease must be at least PT1S");
                }
                settings = settings.withLease(d);
            }
            if (!node.hasNonNull("identityStoreId")) {
                return new IdentityCenterSection(Optional.empty(), settings);
            }
            String region = node.path("region").asText("");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region is required with identityStoreId");
            }
            double rate = node.hasNonNull("maxRequestsPerSecond") ? node.get("maxRequestsPerSecond").asDouble(-1)
                    : IdentityStoreApiConfig.DEFAULT_MAX_REQUESTS_PER_SECOND;
            URI endpoint = node.hasNonNull("endpoint") ? URI.create(node.get("endpoint").asText()) : null;
            return new IdentityCenterSection(Optional.of(new IdentityStoreApiConfig(node.get("identityStoreId").asText(),
                    region, endpoint, rate)), settings);
        } catch (DateTimeParseException e) {
            throw new ConfigException(file + ": identityCenter.reconcileInterval and claimLease must be ISO-8601 durations like PT6H or PT30S");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": identityCenter: " + e.getMessage());
        }
    }
}
