package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ListAssert;

/**
 * One HTTP exchange with the server, kept whole so every failed assertion can quote it.
 *
 * <p>Failure messages always name the request ({@code PATCH http://…/Users/42}), the request body (cut at 2000
 * characters), the status, the headers and the response body, so a red test says what was expected and what came back.
 */
public record ScimResponse(
        String method, String uri, String requestBody, int status, Map<String, List<String>> headers, String body) {

    public static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String LIST_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    public JsonNode json() {
        return Json.parseLenient(body);
    }

    /** A property path such as {@code meta.version} or {@code Resources[0].emails[0].value}; see {@link PropertyPath}. */
    public JsonNode node(String path) {
        return PropertyPath.resolve(json(), path);
    }

    /** The value's text ({@code "true"} for a boolean), the JSON of a container, or {@code null} if absent. */
    public String text(String path) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The texts of an array's elements, or of one sub-attribute of each element: {@code texts("Resources", "userName")}. */
    public List<String> texts(String arrayPath, String elementPath) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : node(arrayPath)) {
            JsonNode value = PropertyPath.resolve(element, elementPath);
            values.add(
                    value.isMissingNode() || value.isNull()
                            ? null
                            : value.isValueNode() ? value.asText() : value.toString());
        }
        return values;
    }

    public List<String> texts(String arrayPath) {
        return texts(arrayPath, "");
    }

    /** The first value of a response header, matched case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    public String id() {
        return text("id");
    }

    public ScimResponse expectStatus(int expected) {
        if (status != expected) {
            throw new AssertionError("expected HTTP " + expected + " but got " + status + "\n" + describe());
        }
        return this;
    }

    /**
     * Asserts an RFC 7644 §3.12 error: the status, the Error schema, {@code status} as a JSON string, a
     * {@code detail}, the expected {@code scimType} (when not {@code null}) and an {@code application/scim+json} body.
     */
    public ScimResponse expectScimError(int expectedStatus, String expectedScimType) {
        expectStatus(expectedStatus);
        assertThat(texts("schemas")).as("schemas of the error\n%s", describe()).contains(ERROR_URN);
        assertThat(node("status").isTextual())
                .as("error 'status' must be a JSON string \"%s\"\n%s", expectedStatus, describe())
                .isTrue();
        assertThat(text("status")).as("error 'status'\n%s", describe()).isEqualTo(Integer.toString(expectedStatus));
        assertThat(text("detail")).as("error 'detail'\n%s", describe()).isNotBlank();
        if (expectedScimType != null) {
            assertThat(text("scimType")).as("error 'scimType'\n%s", describe()).isEqualTo(expectedScimType);
        }
        expectScimContentType();
        return this;
    }

    public ScimResponse expectScimContentType() {
        assertThat(header("Content-Type"))
                .as("Content-Type header\n%s", describe())
                .isNotNull()
                .matches("(?i)application/scim\\+json\\s*(;.*)?");
        return this;
    }

    public AbstractStringAssert<?> assertText(String path) {
        return assertThat(text(path)).as("'%s' of %s", path, describe());
    }

    public ListAssert<String> assertTexts(String arrayPath, String elementPath) {
        return assertThat(texts(arrayPath, elementPath)).as("'%s[*].%s' of %s", arrayPath, elementPath, describe());
    }

    public AbstractStringAssert<?> assertHeader(String name) {
        return assertThat(header(name)).as("header %s of %s", name, describe());
    }

    /** Everything about the exchange, for failure messages. */
    public String describe() {
        String shownRequest = requestBody == null ? "" : "\nrequest body: " + cut(requestBody);
        String shownHeaders = headers.entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("\n  "));
        return method + " " + uri + shownRequest + "\n→ HTTP " + status + "\n  " + shownHeaders + "\nresponse body: "
                + cut(body);
    }

    private static String cut(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "… (" + text.length() + " chars)";
    }
}
