package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiConfig;
import dev.kiroscim.adapter.scim.ScimDirectoryConfig;
import dev.kiroscim.core.sync.engine.Offboarding;
import dev.kiroscim.core.sync.engine.SyncSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * or, to write through a SCIM endpoint in IAM Identity Center's dialect (no AWS credentials; docs/downstream.md):
 * <pre>
 * identityCenter:
 *   mode: scim                          # default: api (the Identity Store API, when identityStoreId is set)
 *   scimEndpoint: https://scim.us-east-1.amazonaws.com/a1b2c3d4-…/scim/v2
 *   scimTokenFile: /run/secrets/idc-scim-token   # re-read when it changes
 *   maxRequestsPerSecond: 10
 * </pre>
 * A missing {@code scimEndpoint} or {@code scimTokenFile} in scim mode, or an {@code identityStoreId} with it, stops
 * the start with a message naming the key.
 *
 * @param store      the Identity Store API target; empty in plan-only and scim mode
 * @param scim       the SCIM target; present only in scim mode
 * @param settings   offboarding and reconcile interval, with the worker's defaults
 */
public record IdentityCenterSection(Optional<IdentityStoreApiConfig> store, Optional<ScimDirectoryConfig> scim,
                                    SyncSettings settings) {

    /** {@code mode: api}: the Identity Store API (the default). */
    public static final String MODE_API = "api";
    /** {@code mode: scim}: a SCIM 2.0 endpoint in IAM Identity Center's dialect. */
    public static final String MODE_SCIM = "scim";

    private static final Set<String> KEYS = Set.of("mode", "identityStoreId", "region", "endpoint", "maxRequestsPerSecond",
            "offboarding", "reconcileInterval", "claimLease", "scimEndpoint", "scimTokenFile");

    public IdentityCenterSection {
        if (store.isPresent() && scim.isPresent()) {
            throw new IllegalArgumentException("one downstream only: the Identity Store API or SCIM");
        }
    }

    /** Whether calls are sent anywhere (false: plan-only). */
    public boolean live() {
        return store.isPresent() || scim.isPresent();
    }

    /**
     * How long an outbox claim lasts without renewal. Workers renew it at every Identity Store call, so it only runs
     * out when a replica is frozen or dead: then another replica takes the user over after at most this long.
     */
    static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(30);

    static IdentityCenterSection from(Path file, JsonNode node) {
        SyncSettings settings = SyncSettings.defaults().withLease(DEFAULT_CLAIM_LEASE);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new IdentityCenterSection(Optional.empty(), Optional.empty(), settings);
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
            String mode = node.path("mode").asText(MODE_API);
            double rate = node.hasNonNull("maxRequestsPerSecond") ? node.get("maxRequestsPerSecond").asDouble(-1)
                    : IdentityStoreApiConfig.DEFAULT_MAX_REQUESTS_PER_SECOND;
            if (MODE_SCIM.equals(mode)) {
                return new IdentityCenterSection(Optional.empty(), Optional.of(scim(file, node, rate)), settings);
            }
            if (!MODE_API.equals(mode)) {
                throw new IllegalArgumentException("mode must be api or scim: " + mode);
            }
            for (String scimOnly : List.of("scimEndpoint", "scimTokenFile")) {
                if (node.has(scimOnly)) {
                    throw new IllegalArgumentException(scimOnly + " needs mode: scim");
                }
            }
            if (!node.hasNonNull("identityStoreId")) {
                return new IdentityCenterSection(Optional.empty(), Optional.empty(), settings);
            }
            String region = node.path("region").asText("");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region is required with identityStoreId");
            }
            URI endpoint = node.hasNonNull("endpoint") ? URI.create(node.get("endpoint").asText()) : null;
            return new IdentityCenterSection(Optional.of(new IdentityStoreApiConfig(node.get("identityStoreId").asText(),
                    region, endpoint, rate)), Optional.empty(), settings);
        } catch (DateTimeParseException e) {
            throw new ConfigException(file + ": identityCenter.reconcileInterval and claimLease must be ISO-8601 durations like PT6H or PT30S");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": identityCenter: " + e.getMessage());
        }
    }

    /**
     * The {@code mode: scim} keys. Relative token file paths resolve against the config file's directory. Every missing
     * key is named at once, e.g. "mode: scim needs scimEndpoint, scimTokenFile".
     */
    private static ScimDirectoryConfig scim(Path file, JsonNode node, double rate) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("scimEndpoint", "scimTokenFile")) {
            if (node.path(key).asText("").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("mode: scim needs " + String.join(", ", missing));
        }
        for (String apiOnly : List.of("identityStoreId", "region", "endpoint")) {
            if (node.has(apiOnly)) {
                throw new IllegalArgumentException(apiOnly + " belongs to mode: api; mode: scim uses scimEndpoint");
            }
        }
        URI endpoint;
        try {
            endpoint = new URI(node.get("scimEndpoint").asText().strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("scimEndpoint is not a URL: " + e.getMessage());
        }
        Path token = Path.of(node.get("scimTokenFile").asText().strip());
        if (!token.isAbsolute() && file != null && file.toAbsolutePath().getParent() != null) {
            token = file.toAbsolutePath().getParent().resolve(token);
        }
        if (!java.nio.file.Files.isReadable(token)) {
            throw new IllegalArgumentException("scimTokenFile " + token + " does not exist or is not readable");
        }
        return new ScimDirectoryConfig(endpoint, token, rate);
    }
}
