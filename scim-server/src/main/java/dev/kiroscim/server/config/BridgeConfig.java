package dev.kiroscim.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kiroscim.server.scim.rest.ScimSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The server's configuration file ({@code --config}, default {@code ./kiro-scim.yaml}). A missing file means
 * built-in defaults. Sections:
 * <pre>
 * scim:
 *   patchResponse: resource      # or no-content (204)
 *   maxResults: 200              # advertised filter.maxResults; caps "count"
 * server:
 *   maxInFlight: 64              # more concurrent requests get 429 + Retry-After
 *   trustedProxies: [10.0.0.0/8] # see EdgeSection: X-Forwarded-For and the per-token rate limit
 * audit:
 *   retention: P400D             # ISO-8601 duration; events older than this are pruned (default: forever)
 * </pre>
 * The same file also holds the entitlement policy ({@code tiers}, {@code pools}) and {@code identityCenter}.
 */
public record BridgeConfig(ScimSettings scim, int maxInFlight, JsonNode raw, Path source) {

    private static final Set<String> TOP_LEVEL = Set.of("scim", "server", "tiers", "pools", "identityCenter", "audit",
            "overage", "billing", "usage", "console", "notifications", "notificationRules");

    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public static BridgeConfig defaults() {
        return new BridgeConfig(ScimSettings.DEFAULTS, DEFAULT_MAX_IN_FLIGHT, new ObjectMapper().createObjectNode(), null);
    }

    /** Reads the file; a missing file gives the defaults, a malformed one a {@link ConfigException}. */
    public static BridgeConfig load(Path file) {
        if (file == null || !Files.exists(file)) {
            // keep the path: a policy reload reads it again, and the file may exist by then
            return new BridgeConfig(ScimSettings.DEFAULTS, DEFAULT_MAX_IN_FLIGHT, new ObjectMapper().createObjectNode(), file);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new BridgeConfig(ScimSettings.DEFAULTS, DEFAULT_MAX_IN_FLIGHT, new ObjectMapper().createObjectNode(), file);
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": the top level must be a mapping");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigException(file + ": unknown section '" + key + "' (known: " + String.join(", ", TOP_LEVEL) + ")");
            }
        }
        JsonNode scim = root.path("scim");
        String patchResponse = scim.path("patchResponse").asText("resource");
        if (!patchResponse.equals("resource") && !patchResponse.equals("no-content")) {
            throw new ConfigException(file + ": scim.patchResponse must be 'resource' or 'no-content', not '" + patchResponse + "'");
        }
        int maxResults = positive(file, "scim.maxResults", scim.path("maxResults"), ScimSettings.DEFAULTS.maxResults());
        int maxInFlight = positive(file, "server.maxInFlight", root.path("server").path("maxInFlight"), DEFAULT_MAX_IN_FLIGHT);
        BridgeConfig config = new BridgeConfig(new ScimSettings(maxResults, patchResponse.equals("no-content")), maxInFlight, root, file);
        config.auditRetention(); // fail at start-up, not at the first pruning
        config.maxRequestAge();
        config.identityCenter();
        config.edge();
        config.usage();
        config.console();
        config.notifications();
        return config;
    }

    /**
     * {@code audit.retention}: how long audit events are kept, e.g. {@code P400D} or {@code P2Y}; empty (keep
     * forever) when absent or {@code forever}.
     */
    public java.util.Optional<java.time.Duration> auditRetention() {
        JsonNode node = raw.path("audit").path("retention");
        if (node.isMissingNode() || node.isNull() || node.asText().equalsIgnoreCase("forever")) {
            return java.util.Optional.empty();
        }
        String text = node.asText().trim();
        try {
            java.time.Duration d = text.contains("T") || !text.matches("(?i)P\\d+[YM]")
                    ? java.time.Duration.parse(text)
                    : null;
            if (d == null) {
                java.time.Period p = java.time.Period.parse(text);
                d = java.time.Duration.ofDays(p.toTotalMonths() * 31 + p.getDays());
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigException(source + ": audit.retention must be positive, not '" + text + "'");
            }
            return java.util.Optional.of(d);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(source + ": audit.retention must be an ISO-8601 duration like P400D or 'forever', not '" + text + "'");
        }
    }

    /**
     * Tier names and monthly prices from the policy's {@code tiers:} list (lowest first), for the seats report;
     * the built-in PRO / PRO_PLUS / POWER prices when the file has none.
     */
    public dev.kiroscim.core.audit.report.TierPrices tierPrices() {
        JsonNode tiers = raw.path("tiers");
        if (!tiers.isArray() || tiers.isEmpty()) {
            return dev.kiroscim.core.audit.report.TierPrices.DEFAULT;
        }
        java.util.List<dev.kiroscim.core.audit.report.TierPrices.Tier> list = new java.util.ArrayList<>();
        for (JsonNode t : tiers) {
            list.add(new dev.kiroscim.core.audit.report.TierPrices.Tier(t.path("name").asText(),
                    new java.math.BigDecimal(t.path("monthlyPriceUsd").asText("0"))));
        }
        return new dev.kiroscim.core.audit.report.TierPrices(list);
    }

    /** {@code server.trustedProxies} and {@code server.rateLimit}; see {@link EdgeSection}. */
    public EdgeSection edge() {
        return EdgeSection.from(source, raw.path("server"));
    }

    /** Default of {@link #maxRequestAge()}: below the 60 s after which Okta and Entra give up on a request. */
    public static final java.time.Duration DEFAULT_MAX_REQUEST_AGE = java.time.Duration.ofSeconds(30);

    /**
     * {@code server.maxRequestAge} (ISO-8601, default {@code PT30S}): a write whose load-balancer timestamp
     * ({@code X-Request-Start}, or the ALB's {@code X-Amzn-Trace-Id}) is older than this when the replica reads it is
     * refused with 503, because its client has most likely timed out and retried elsewhere (a replica frozen with the
     * request in its socket buffer must not apply it late, after newer writes).
     */
    public java.time.Duration maxRequestAge() {
        JsonNode node = raw.path("server").path("maxRequestAge");
        if (node.isMissingNode() || node.isNull()) {
            return DEFAULT_MAX_REQUEST_AGE;
        }
        try {
            java.time.Duration d = java.time.Duration.parse(node.asText().trim());
            if (d.toMillis() < 1000) {
                throw new ConfigException(source + ": server.maxRequestAge must be at least PT1S");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(source + ": server.maxRequestAge must be an ISO-8601 duration like PT30S");
        }
    }

    /** The {@code console:} section; see {@link ConsoleSection}. */
    public ConsoleSection console() {
        return ConsoleSection.from(source, raw.path("console"));
    }

    /** The {@code identityCenter:} section; see {@link IdentityCenterSection}. */
    public IdentityCenterSection identityCenter() {
        return IdentityCenterSection.from(source, raw.path("identityCenter"));
    }


    /** The {@code notifications:} list and {@code notificationRules:}; see {@link NotificationsSection}. */
    public NotificationsSection notifications() {
        return NotificationsSection.from(source, raw.path("notifications"), raw.path("notificationRules"));
    }

    /** The {@code usage:} section; see {@link UsageSection}. */
    public UsageSection usage() {
        return UsageSection.from(source, raw.path("usage"));
    }

    private static int positive(Path file, String name, JsonNode node, int fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw new ConfigException(file + ": " + name + " must be a positive integer");
        }
        return node.asInt();
    }
}
