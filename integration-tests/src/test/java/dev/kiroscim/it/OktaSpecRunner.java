package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes Okta's "SCIM 2.0 SPEC Test" (a Runscope export, see {@code shared/fixtures/README.md}) step by step.
 *
 * <p>Only what the file uses is implemented: {@code {{var}}} substitution in url, headers, body and assertion
 * values; sources {@code response_status}, {@code response_json} (property paths like
 * {@code Resources[0].name.familyName}) and {@code response_time} (ms); comparisons {@code equal_number},
 * {@code equal} (string form), {@code not_empty}, {@code has_value}/{@code contains}, {@code is_a_number},
 * {@code is_less_than}; and {@code variables} captured from the JSON body.
 */
final class OktaSpecRunner {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{([^}]+)}}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The last exchange of a step. */
    record Exchange(String method, String url, int status, long millis, String body, JsonNode json) {
        String describe() {
            return method + " " + url + " → HTTP " + status + " in " + millis + " ms\nresponse body: "
                    + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, String> variables = new HashMap<>();
    private int requestsExecuted;
    private int assertionsExecuted;

    OktaSpecRunner(URI scimBase, String authorization) {
        // What Okta sets by hand, and what its "Initial Script" generates (mixed-case user name on purpose).
        String given = "Runscope" + digits(3);
        String family = (char) ('A' + RANDOM.nextInt(26)) + lowercase(8) + digits(3);
        String userName = given + family + "@atko.com";
        variables.put("SCIMBaseURL", scimBase.toString());
        variables.put("auth", authorization);
        variables.put("randomGivenName", given);
        variables.put("randomFamilyName", family);
        variables.put("randomEmail", userName);
        variables.put("randomUsername", userName);
        variables.put("randomUsernameCaps", userName.toUpperCase());
        variables.put("InvalidUserEmail", "abcdefgh@atko.com");
        variables.put("UserIdThatDoesNotExist", "010101001010101011001010101011");
    }

    int requestsExecuted() {
        return requestsExecuted;
    }

    int assertionsExecuted() {
        return assertionsExecuted;
    }

    String substitute(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).strip();
            String value = variables.get(name);
            if (value == null) {
                throw new AssertionError(
                        "variable {{" + name + "}} is not set (set so far: " + variables.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Sends a {@code request} step and captures its {@code variables}. */
    Exchange execute(JsonNode step) throws IOException, InterruptedException {
        String method = step.path("method").asText();
        String url = encodeQuery(substitute(step.path("url").asText()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (Iterator<Map.Entry<String, JsonNode>> it = step.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            for (JsonNode value : header.getValue()) {
                request.header(header.getKey(), substitute(value.asText()));
            }
        }
        String body = step.hasNonNull("body") ? substitute(step.get("body").asText()) : null;
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        long start = System.nanoTime();
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        requestsExecuted++;
        Exchange exchange = new Exchange(
                method, url, response.statusCode(), millis, response.body(), Json.parseLenient(response.body()));
        for (JsonNode capture : step.path("variables")) {
            JsonNode value = valueOf(
                    capture.path("source").asText(), capture.path("property").asText(""), exchange);
            if (value.isMissingNode() || value.isNull()) {
                throw new AssertionError("variable " + capture.path("name").asText() + " not found at '"
                        + capture.path("property").asText() + "'\n" + exchange.describe());
            }
            variables.put(capture.path("name").asText(), value.isValueNode() ? value.asText() : value.toString());
        }
        return exchange;
    }

    /** Evaluates one assertion; throws with expected vs. received and the response when it does not hold. */
    void check(JsonNode assertion, Exchange exchange) {
        assertionsExecuted++;
        if (exchange == null) {
            throw new AssertionError(
                    "the request of this step did not complete, so " + describe(assertion) + " cannot hold");
        }
        String comparison = assertion.path("comparison").asText();
        String expected = assertion.hasNonNull("value")
                ? substitute(assertion.get("value").asText())
                : null;
        JsonNode actual = valueOf(
                assertion.path("source").asText(), assertion.path("property").asText(""), exchange);
        boolean holds = switch (comparison) {
            case "equal_number" ->
                actual.isNumber() || isNumeric(actual)
                        ? Double.compare(Double.parseDouble(actual.asText()), Double.parseDouble(expected)) == 0
                        : false;
            case "equal" ->
                !actual.isMissingNode()
                        && !actual.isNull()
                        && actual.isValueNode()
                        && actual.asText().equals(expected);
            case "not_empty" -> isNotEmpty(actual);
            case "has_value", "contains" -> contains(actual, expected);
            case "is_a_number" -> actual.isNumber();
            case "is_less_than" ->
                (actual.isNumber() || isNumeric(actual))
                        && Double.parseDouble(actual.asText()) < Double.parseDouble(expected);
            default -> throw new AssertionError("comparison '" + comparison + "' is not implemented by this runner");
        };
        if (!holds) {
            throw new AssertionError(
                    "expected " + describe(assertion) + (expected == null ? "" : " (value: " + expected + ")")
                            + " but the " + assertion.path("source").asText() + " value was "
                            + (actual.isMissingNode() ? "<absent>" : actual)
                            + "\n" + exchange.describe());
        }
    }

    /** The Groups step's script: when {@code totalResults} ≥ 1, {@code Resources} must be an array. */
    void checkGroupsScript(Exchange exchange) {
        if (exchange == null) {
            throw new AssertionError("the Groups request did not complete");
        }
        JsonNode total = exchange.json().path("totalResults");
        if (!total.isNumber()) {
            throw new AssertionError("script: totalResults must be a number\n" + exchange.describe());
        }
        if (total.asInt() >= 1 && !exchange.json().path("Resources").isArray()) {
            throw new AssertionError(
                    "script: totalResults is " + total + " but Resources is not an array\n" + exchange.describe());
        }
    }

    static String describe(JsonNode assertion) {
        String property = assertion.path("property").asText("");
        return assertion.path("source").asText() + (property.isEmpty() ? "" : " '" + property + "'") + " "
                + assertion.path("comparison").asText()
                + (assertion.hasNonNull("value") ? " " + assertion.get("value").asText() : "");
    }

    private static JsonNode valueOf(String source, String property, Exchange exchange) {
        return switch (source) {
            case "response_status" -> Json.MAPPER.getNodeFactory().numberNode(exchange.status());
            case "response_time" -> Json.MAPPER.getNodeFactory().numberNode(exchange.millis());
            case "response_json" -> PropertyPath.resolve(exchange.json(), property);
            default -> throw new AssertionError("assertion source '" + source + "' is not implemented by this runner");
        };
    }

    private static boolean isNumeric(JsonNode node) {
        if (!node.isTextual()) {
            return false;
        }
        try {
            Double.parseDouble(node.asText());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Runscope's not_empty: present, not null, and for strings/arrays/objects not of size 0. */
    private static boolean isNotEmpty(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().isEmpty();
        }
        return !node.isContainerNode() || node.size() > 0;
    }

    private static boolean contains(JsonNode node, String expected) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isValueNode() && element.asText().equals(expected)) {
                    return true;
                }
            }
            return false;
        }
        return node.isTextual() && node.asText().contains(expected);
    }

    /** URL-encodes each query value ({@code userName eq "x"} → {@code userName%20eq%20%22x%22}); path untouched. */
    static String encodeQuery(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.substring(0, question + 1));
        String[] params = url.substring(question + 1).split("&");
        for (int i = 0; i < params.length; i++) {
            int eq = params[i].indexOf('=');
            String name = eq < 0 ? params[i] : params[i].substring(0, eq);
            out.append(i == 0 ? "" : "&").append(encode(name));
            if (eq >= 0) {
                out.append('=').append(encode(params[i].substring(eq + 1)));
            }
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return s.toString();
    }

    private static String lowercase(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }
}
