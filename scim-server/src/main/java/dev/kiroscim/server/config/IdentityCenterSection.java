package dev.kiroscim.server.config;

import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiConfig;
import dev.kiroscim.core.sync.engine.Offboarding;
import dev.kiroscim.core.sync.engine.SyncSettings;
import java.net.URI;
import java.time.Duration;
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

    public static final ConfigSection<IdentityCenterSection> SECTION = ConfigSection.of("identityCenter", IdentityCenterSection::read);

    private static final Set<String> KEYS = Set.of("identityStoreId", "region", "endpoint", "maxRequestsPerSecond",
            "offboarding", "reconcileInterval", "claimLease");

    /**
     * How long an outbox claim lasts without renewal. Workers renew it at every Identity Store call, so it only runs
     * out when a replica is frozen or dead: then another replica takes the user over after at most this long.
     */
    static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(30);

    static IdentityCenterSection read(ConfigNode node, ConfigProblems problems) {
        SyncSettings settings = SyncSettings.defaults().withLease(DEFAULT_CLAIM_LEASE);
        if (!node.mapping(problems, KEYS)) {
            return new IdentityCenterSection(Optional.empty(), settings);
        }
        ConfigNode offboarding = node.get("offboarding");
        if (offboarding.isSet()) {
            try {
                settings = settings.withOffboarding(Offboarding.parse(offboarding.text(problems, "")));
            } catch (IllegalArgumentException e) {
                problems.add(offboarding, "identityCenter.offboarding: " + e.getMessage());
            }
        }
        settings = settings.withReconcileInterval(node.get("reconcileInterval").duration(problems, Duration.ZERO,
                settings.reconcileInterval()));
        settings = settings.withLease(node.get("claimLease").duration(problems, Duration.ofSeconds(1), settings.lease()));
        if (!node.get("identityStoreId").isSet()) {
            return new IdentityCenterSection(Optional.empty(), settings);
        }
        String region = node.get("region").text(problems, "");
        if (region.isBlank()) {
            problems.add(node.get("region"), "identityCenter.region is required with identityStoreId");
        }
        ConfigNode rate = node.get("maxRequestsPerSecond");
        double perSecond = rate.nonNegative(problems, IdentityStoreApiConfig.DEFAULT_MAX_REQUESTS_PER_SECOND);
        String endpoint = node.get("endpoint").text(problems, "");
        try {
            return new IdentityCenterSection(Optional.of(new IdentityStoreApiConfig(node.get("identityStoreId").text(problems, ""),
                    region, endpoint.isEmpty() ? null : URI.create(endpoint), perSecond)), settings);
        } catch (IllegalArgumentException e) {
            problems.add(node, "identityCenter: " + e.getMessage());
            return new IdentityCenterSection(Optional.empty(), settings);
        }
    }
}
