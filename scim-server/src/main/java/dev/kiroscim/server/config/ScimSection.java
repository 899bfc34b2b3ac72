package dev.kiroscim.server.config;

import java.util.Set;

/**
 * The {@code scim:} section, read into {@link ScimSettings}:
 * <pre>
 * scim:
 *   patchResponse: resource      # or no-content (204)
 *   maxResults: 200              # advertised filter.maxResults; caps "count"
 * </pre>
 */
public final class ScimSection {

    public static final ConfigSection<ScimSettings> SECTION = ConfigSection.of("scim", ScimSection::read);

    private ScimSection() {}

    static ScimSettings read(ConfigNode scim, ConfigProblems problems) {
        if (!scim.mapping(problems, Set.of("patchResponse", "maxResults"))) {
            return ScimSettings.DEFAULTS;
        }
        ConfigNode patch = scim.get("patchResponse");
        String patchResponse = patch.text(problems, "resource");
        if (!patchResponse.equals("resource") && !patchResponse.equals("no-content")) {
            problems.add(patch, "scim.patchResponse must be 'resource' or 'no-content', not '" + patchResponse + "'");
        }
        int maxResults = scim.get("maxResults").positiveInt(problems, ScimSettings.DEFAULTS.maxResults());
        return new ScimSettings(maxResults, patchResponse.equals("no-content"));
    }
}
