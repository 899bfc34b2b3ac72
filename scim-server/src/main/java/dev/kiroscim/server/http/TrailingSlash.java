package dev.kiroscim.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/**
 * Entra sometimes calls {@code /scim/v2/Users/?filter=…} (docs/idp-quirks.md §I13): a trailing slash after the resource
 * path is dropped before routing, so it reaches the same endpoint. Query parameters are untouched.
 */
@PreMatching
@Priority(2)
public final class TrailingSlash implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.length() > 1 && path.endsWith("/")) {
            String trimmed = path.replaceAll("/+$", "");
            request.setRequestUri(
                    request.getUriInfo().getBaseUri(),
                    UriBuilder.fromUri(uri)
                            .replacePath(trimmed.isEmpty() ? "/" : trimmed)
                            .build());
        }
    }
}
