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
 * </pre>
 * The same file also holds the entitlement policy ({@code tiers}, {@code pools}) and {@code identityCenter}.
 */
public record BridgeConfig(ScimSettings scim, int maxInFlight, JsonNode raw, Path source) {

    private static final Set<String> TOP_LEVEL = Set.of("scim", "server", "tiers", "pools", "identityCenter", "audit");

    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public static BridgeConfig defaults() {
        return new BridgeConfig(ScimSettings.DEFAULTS, DEFAULT_MAX_IN_FLIGHT, new ObjectMapper().createObjectNode(), null);
    }

    /** Reads the file; a missing file gives the defaults, a malformed one a {@link ConfigException}. */
    public static BridgeConfig load(Path file) {
        if (file == null || !Files.exists(file)) {
            return defaults();
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
        return new BridgeConfig(new ScimSettings(maxResults, patchResponse.equals("no-content")), maxInFlight, root, file);
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
