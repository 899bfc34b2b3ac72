package dev.kiroscim.server.http;

import dev.kiroscim.server.scim.error.ScimException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.text.ParseException;
import org.glassfish.jersey.message.internal.HttpHeaderReader;

/**
 * Jersey answers a {@code Content-Type} or {@code Accept} header it cannot parse with a bare 400 and no body (its
 * {@code HeaderValueException} bypasses exception mappers). This filter parses them first, with Jersey's own
 * readers, and answers such a request with an RFC 7644 §3.12 error body instead.
 */
@PreMatching
@Priority(3)
public final class HeaderSyntax implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            try {
                MediaType.valueOf(contentType);
            } catch (IllegalArgumentException e) {
                throw invalid(HttpHeaders.CONTENT_TYPE, contentType);
            }
        }
        for (String accept : request.getHeaders().getOrDefault(HttpHeaders.ACCEPT, java.util.List.of())) {
            try {
                HttpHeaderReader.readAcceptMediaType(accept);
            } catch (ParseException | IllegalArgumentException e) {
                throw invalid(HttpHeaders.ACCEPT, accept);
            }
        }
    }

    private static ScimException invalid(String header, String value) {
        return new ScimException(
                400,
                null,
                "the " + header + " header is not a valid media type"
                        + (header.equals(HttpHeaders.ACCEPT) ? " list" : "") + "; send application/scim+json (got "
                        + value.length() + " characters)");
    }
}
