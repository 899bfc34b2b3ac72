package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * SCIM endpoint names match in any case, as several SCIM clients expect: {@code /scim/v2/users},
 * {@code /SCIM/V2/GROUPS}, {@code /scim/v2/serviceproviderconfig}, {@code /scim/v2/users/.SEARCH}. The first
 * segments after {@code /scim/v2} are rewritten to their canonical spelling before routing; ids and query
 * parameters are untouched ({@code /scim/v2/users/AbC} keeps {@code AbC}).
 */
@PreMatching
@Priority(4)
public final class CaseInsensitivePaths implements ContainerRequestFilter {

    private static final Map<String, String> ENDPOINTS = Map.of(
            "users", "Users",
            "groups", "Groups",
            "serviceproviderconfig", "ServiceProviderConfig",
            "schemas", "Schemas",
            "resourcetypes", "ResourceTypes");

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null) {
            return;
        }
        String canonical = canonical(path);
        if (!canonical.equals(path)) {
            request.setRequestUri(
                    request.getUriInfo().getBaseUri(),
                    UriBuilder.fromUri(uri).replacePath(canonical).build());
        }
    }

    /** {@code /SCIM/v2/users/x/.Search} → {@code /scim/v2/Users/x/.Search}: only the fixed segments change. */
    static String canonical(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        // ["", "scim", "v2", endpoint, id-or-.search, ...]
        if (segments.length < 4 || !segments[1].equalsIgnoreCase("scim") || !segments[2].equalsIgnoreCase("v2")) {
            return rawPath;
        }
        segments[1] = "scim";
        segments[2] = "v2";
        String endpoint = ENDPOINTS.get(segments[3].toLowerCase(Locale.ROOT));
        if (endpoint != null) {
            segments[3] = endpoint;
            if (segments.length == 5
                    && segments[4].equalsIgnoreCase(".search")
                    && (endpoint.equals("Users") || endpoint.equals("Groups"))) {
                segments[4] = ".search";
            }
        }
        return String.join("/", segments);
    }
}
