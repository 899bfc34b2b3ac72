package dev.kiroscim.server.http;

import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.limits.TextRules;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounds the request line and headers, with an error body (RFC 7644 §3.12) instead of a bare status:
 * <ul>
 *   <li>a request target over {@value #MAX_URI_LENGTH} characters → 414;</li>
 *   <li>headers over {@value #MAX_HEADER_BYTES} bytes in all, or more than {@value #MAX_HEADER_COUNT} of them → 431;</li>
 *   <li>a control character or unpaired surrogate ({@link TextRules}) in the decoded path or query → 400
 *       invalidValue, so that {@code GET /scim/v2/Users/%00} never reaches a database (PostgreSQL cannot compare
 *       text holding U+0000).</li>
 * </ul>
 * Grizzly's own limit ({@link #TRANSPORT_MAX_HEAD_BYTES}) is set above these, so that nearly every oversized
 * request reaches this filter; a request head beyond it is refused by Grizzly with a bare 400.
 */
@PreMatching
@Priority(2)
public final class RequestHeadLimits implements ContainerRequestFilter {

    public static final int MAX_URI_LENGTH = 8 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_HEADER_COUNT = 100;

    /** Grizzly's limit on the whole request head (request line and headers); requests beyond it get its bare 400. */
    public static final int TRANSPORT_MAX_HEAD_BYTES = 64 * 1024;
    /** Grizzly's limit on the number of headers, above {@link #MAX_HEADER_COUNT}. */
    public static final int TRANSPORT_MAX_HEADER_COUNT = 2 * MAX_HEADER_COUNT;

    @Override
    public void filter(ContainerRequestContext request) {
        String target = request.getUriInfo().getRequestUri().getRawPath();
        String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
        int length = (target == null ? 0 : target.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (length > MAX_URI_LENGTH) {
            throw new ScimException(
                    414,
                    null,
                    "the request URI is " + length + " characters long; at most " + MAX_URI_LENGTH
                            + " are accepted (send long filters with POST .search)");
        }
        int bytes = 0;
        int count = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + 2 + (value == null ? 0 : value.length()) + 2;
            }
        }
        if (bytes > MAX_HEADER_BYTES || count > MAX_HEADER_COUNT) {
            throw new ScimException(
                    431,
                    null,
                    "the request headers are " + bytes + " bytes in " + count + " fields; at most " + MAX_HEADER_BYTES
                            + " bytes and " + MAX_HEADER_COUNT + " fields are accepted");
        }
        requireText(ScimType.INVALID_VALUE, "path", request.getUriInfo().getPath(true));
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters(true).entrySet()) {
            ScimType type = parameter.getKey().equals("filter") ? ScimType.INVALID_FILTER : ScimType.INVALID_VALUE;
            requireText(type, "query parameter name", parameter.getKey());
            for (String value : parameter.getValue()) {
                requireText(type, "query parameter " + parameter.getKey(), value);
            }
        }
    }

    private static void requireText(ScimType type, String where, String text) {
        Optional<String> problem = text == null ? Optional.empty() : TextRules.problem(text);
        if (problem.isPresent()) {
            throw ScimException.badRequest(
                    type,
                    "the request " + where + " contains a " + problem.get()
                            + "; no resource id, attribute or filter can hold one");
        }
    }
}
