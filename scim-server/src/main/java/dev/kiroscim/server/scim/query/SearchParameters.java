package dev.kiroscim.server.scim.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import java.util.ArrayList;
import java.util.List;

/**
 * The list/query parameters of RFC 7644 §3.4.2, from a GET query string or a POST {@code .search} body
 * (§3.4.3), e.g. {@code {"filter":"userName eq \"ann\"","startIndex":1,"count":10,"attributes":["userName"]}}.
 */
public record SearchParameters(
        String filter,
        String sortBy,
        String sortOrder,
        Long startIndex,
        Long count,
        String attributes,
        String excludedAttributes) {

    public static final String SEARCH_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    public static SearchParameters fromQuery(
            String filter,
            String sortBy,
            String sortOrder,
            String startIndex,
            String count,
            String attributes,
            String excludedAttributes) {
        return new SearchParameters(
                filter,
                sortBy,
                sortOrder,
                number("startIndex", startIndex),
                number("count", count),
                attributes,
                excludedAttributes);
    }

    public static SearchParameters fromBody(JsonNode body) {
        return new SearchParameters(
                text(body, "filter"),
                text(body, "sortBy"),
                text(body, "sortOrder"),
                number("startIndex", text(body, "startIndex")),
                number("count", text(body, "count")),
                list(body, "attributes"),
                list(body, "excludedAttributes"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = caseInsensitive(body, field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code "attributes"} is an array in a SearchRequest; also accept a comma-separated string. */
    private static String list(JsonNode body, String field) {
        JsonNode v = caseInsensitive(body, field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            return v.asText();
        }
        List<String> items = new ArrayList<>();
        v.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    private static JsonNode caseInsensitive(JsonNode body, String field) {
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equalsIgnoreCase(field)) {
                return body.get(name);
            }
        }
        return null;
    }

    private static Long number(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, name + " must be an integer, not '" + text + "'");
        }
    }
}
