package dev.kiroscim.server.config;

import dev.kiroscim.adapter.aws.identitystore.IdentityStoreApiConfig;
import dev.kiroscim.adapter.scim.ScimDirectoryConfig;
import dev.kiroscim.core.sync.engine.Offboarding;
import dev.kiroscim.core.sync.engine.SyncSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 *   scimTokenExpires: 2027-11-30        # optional: token.expiringSoon before then (a date, or 2027-11-30T12:00:00Z)
 *   maxRequestsPerSecond: 10
 * </pre>
 * A missing {@code scimEndpoint} or {@code scimTokenFile} in scim mode, or an {@code identityStoreId} with it, stops
 * the start with a line-numbered message naming the key. Like every file path in the config, a relative
 * {@code scimTokenFile} is read from the server's working directory. {@code scimTokenExpires} is what the IAM Identity
 * Center console shows for the token (a year after it was generated); the service does not tell the bridge. A date
 * means the start of that day, UTC, so the warning comes early rather than late.
 *
 * @param store      the Identity Store API target; empty in plan-only and scim mode
 * @param scim       the SCIM target; present only in scim mode
 * @param settings   offboarding and reconcile interval, with the worker's defaults
 * @param scimTokenExpires when the SCIM token expires; empty when not given (and always outside scim mode)
 */
public record IdentityCenterSection(
        Optional<IdentityStoreApiConfig> store,
        Optional<ScimDirectoryConfig> scim,
        SyncSettings settings,
        Optional<Instant> scimTokenExpires) {

    public static final ConfigSection<IdentityCenterSection> SECTION =
            ConfigSection.of("identityCenter", IdentityCenterSection::read);

    /** {@code mode: api}: the Identity Store API (the default). */
    public static final String MODE_API = "api";
    /** {@code mode: scim}: a SCIM 2.0 endpoint in IAM Identity Center's dialect. */
    public static final String MODE_SCIM = "scim";

    private static final Set<String> KEYS = Set.of(
            "mode",
            "identityStoreId",
            "region",
            "endpoint",
            "maxRequestsPerSecond",
            "offboarding",
            "reconcileInterval",
            "claimLease",
            "scimEndpoint",
            "scimTokenFile",
            "scimTokenExpires");

    public IdentityCenterSection {
        if (store.isPresent() && scim.isPresent()) {
            throw new IllegalArgumentException("one downstream only: the Identity Store API or SCIM");
        }
        if (scim.isEmpty() && scimTokenExpires.isPresent()) {
            throw new IllegalArgumentException("scimTokenExpires belongs to the SCIM downstream");
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

    static IdentityCenterSection read(ConfigNode node, ConfigProblems problems) {
        SyncSettings settings = SyncSettings.defaults().withLease(DEFAULT_CLAIM_LEASE);
        IdentityCenterSection planOnly =
                new IdentityCenterSection(Optional.empty(), Optional.empty(), settings, Optional.empty());
        if (!node.mapping(problems, KEYS)) {
            return planOnly;
        }
        ConfigNode offboarding = node.get("offboarding");
        if (offboarding.isSet()) {
            try {
                settings = settings.withOffboarding(Offboarding.parse(offboarding.text(problems, "")));
            } catch (IllegalArgumentException e) {
                problems.add(offboarding, "identityCenter.offboarding: " + e.getMessage());
            }
        }
        settings = settings.withReconcileInterval(
                node.get("reconcileInterval").duration(problems, Duration.ZERO, settings.reconcileInterval()));
        settings =
                settings.withLease(node.get("claimLease").duration(problems, Duration.ofSeconds(1), settings.lease()));
        planOnly = new IdentityCenterSection(Optional.empty(), Optional.empty(), settings, Optional.empty());

        ConfigNode modeNode = node.get("mode");
        String mode = modeNode.text(problems, MODE_API);
        double perSecond = node.get("maxRequestsPerSecond")
                .nonNegative(problems, IdentityStoreApiConfig.DEFAULT_MAX_REQUESTS_PER_SECOND);
        if (MODE_SCIM.equals(mode)) {
            Optional<ScimDirectoryConfig> scim = scim(node, problems, perSecond);
            Optional<Instant> expires = tokenExpires(node.get("scimTokenExpires"), problems);
            return new IdentityCenterSection(
                    Optional.empty(), scim, settings, scim.isPresent() ? expires : Optional.empty());
        }
        if (!MODE_API.equals(mode)) {
            problems.add(modeNode, "identityCenter.mode must be api or scim: " + mode);
            return planOnly;
        }
        for (String scimOnly : List.of("scimEndpoint", "scimTokenFile", "scimTokenExpires")) {
            if (node.get(scimOnly).isSet()) {
                problems.add(node.get(scimOnly), "identityCenter." + scimOnly + " needs mode: scim");
            }
        }
        if (!node.get("identityStoreId").isSet()) {
            return planOnly;
        }
        String region = node.get("region").text(problems, "");
        if (region.isBlank()) {
            problems.add(node.get("region"), "identityCenter.region is required with identityStoreId");
        }
        String endpoint = node.get("endpoint").text(problems, "");
        try {
            return new IdentityCenterSection(
                    Optional.of(new IdentityStoreApiConfig(
                            node.get("identityStoreId").text(problems, ""),
                            region,
                            endpoint.isEmpty() ? null : URI.create(endpoint),
                            perSecond)),
                    Optional.empty(),
                    settings,
                    Optional.empty());
        } catch (IllegalArgumentException e) {
            problems.add(node, "identityCenter: " + e.getMessage());
            return planOnly;
        }
    }

    /**
     * {@code scimTokenExpires}: a date ({@code 2027-11-30}, the start of that day in UTC) or an instant
     * ({@code 2027-11-30T12:00:00Z}); anything else is named with its line.
     */
    private static Optional<Instant> tokenExpires(ConfigNode node, ConfigProblems problems) {
        if (!node.isSet()) {
            return Optional.empty();
        }
        String text = node.text(problems, "").strip();
        try {
            return Optional.of(
                    text.contains("T")
                            ? Instant.parse(text)
                            : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            problems.add(
                    node,
                    "identityCenter.scimTokenExpires must be a date like 2027-11-30 or an instant like"
                            + " 2027-11-30T12:00:00Z, got " + node.describe());
            return Optional.empty();
        }
    }

    /**
     * The {@code mode: scim} keys. Every missing key is named at once, e.g. "mode: scim needs scimEndpoint,
     * scimTokenFile"; keys of the API mode are refused rather than ignored, so a half-edited file cannot send calls
     * to the wrong place.
     */
    private static Optional<ScimDirectoryConfig> scim(ConfigNode node, ConfigProblems problems, double perSecond) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("scimEndpoint", "scimTokenFile")) {
            if (node.get(key).text(problems, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(node, "identityCenter: mode: scim needs " + String.join(", ", missing));
            return Optional.empty();
        }
        boolean wrongMode = false;
        for (String apiOnly : List.of("identityStoreId", "region", "endpoint")) {
            if (node.get(apiOnly).isSet()) {
                problems.add(
                        node.get(apiOnly),
                        "identityCenter." + apiOnly + " belongs to mode: api; mode: scim uses scimEndpoint");
                wrongMode = true;
            }
        }
        ConfigNode endpointNode = node.get("scimEndpoint");
        URI endpoint;
        try {
            endpoint = new URI(endpointNode.text(problems, "").strip());
        } catch (URISyntaxException e) {
            problems.add(endpointNode, "identityCenter.scimEndpoint is not a URL: " + e.getMessage());
            return Optional.empty();
        }
        ConfigNode tokenNode = node.get("scimTokenFile");
        Path token = Path.of(tokenNode.text(problems, "").strip()).toAbsolutePath();
        if (!Files.isReadable(token)) {
            problems.add(tokenNode, "identityCenter.scimTokenFile " + token + " does not exist or is not readable");
            return Optional.empty();
        }
        if (wrongMode) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ScimDirectoryConfig(endpoint, token, perSecond));
        } catch (IllegalArgumentException e) {
            problems.add(endpointNode, "identityCenter: " + e.getMessage());
            return Optional.empty();
        }
    }
}
