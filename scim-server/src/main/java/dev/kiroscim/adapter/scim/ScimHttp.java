package dev.kiroscim.adapter.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroscim.core.net.RetryAfterHeader;
import dev.kiroscim.core.sync.CallFence;
import dev.kiroscim.core.sync.IdentityCenterConflict;
import dev.kiroscim.core.sync.IdentityCenterException;
import dev.kiroscim.core.sync.IdentityCenterNotFound;
import dev.kiroscim.core.sync.IdentityCenterOperation;
import dev.kiroscim.core.sync.IdentityCenterRateLimit;
import dev.kiroscim.core.sync.IdentityCenterRejected;
import dev.kiroscim.core.sync.IdentityCenterThrottled;
import dev.kiroscim.core.sync.IdentityCenterUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one SCIM request to the downstream and classifies the answer as the sync engine expects: every failure
 * becomes an {@link IdentityCenterException}, so the outbox worker's retries, backoff and dead letters work unchanged.
 *
 * <table>
 *   <caption>HTTP status to exception</caption>
 *   <tr><td>401</td><td>{@link IdentityCenterUnavailable}; the token is marked refused ({@link ScimToken#refused}),
 *       which pauses the sync until the token file changes</td></tr>
 *   <tr><td>429</td><td>{@link IdentityCenterThrottled} with {@code Retry-After} (seconds or an HTTP date)</td></tr>
 *   <tr><td>5xx, timeout, connection lost</td><td>{@link IdentityCenterUnavailable} (with {@code Retry-After} if sent):
 *       the request may have been applied, so callers only send idempotent requests or look up first</td></tr>
 *   <tr><td>409</td><td>{@link IdentityCenterConflict} (uniqueness): look it up and adopt</td></tr>
 *   <tr><td>404</td><td>{@link IdentityCenterNotFound}</td></tr>
 *   <tr><td>other 4xx</td><td>{@link IdentityCenterRejected} with code {@code HTTP <status> <scimType>}</td></tr>
 * </table>
 *
 * <p>Before each request: the rate budget (the cluster's, when shared), then {@link CallFence#beforeSend()}. The
 * token is never logged; exception messages carry the SCIM {@code detail} only.
 */
final class ScimHttp {

    static final String SCIM_JSON = "application/scim+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI base;
    private final ScimToken token;
    private final IdentityCenterRateLimit rateLimit;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final Clock clock;

    ScimHttp(
            URI base,
            ScimToken token,
            IdentityCenterRateLimit rateLimit,
            ObjectMapper json,
            Duration requestTimeout,
            Clock clock) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = Objects.requireNonNull(token, "token");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.json = json;
        this.requestTimeout = requestTimeout == null ? REQUEST_TIMEOUT : requestTimeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        // HTTP/1.1: the default (HTTP/2) sends "Upgrade: h2c" on plain http, and a server that mishandles that upgrade
        // for a request with a body waits for a body it never reads (our own Grizzly server did: a 10 s timeout per
        // POST).
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The answer's body, or {@code null} for an empty one (204). */
    JsonNode send(IdentityCenterOperation operation, String method, String pathAndQuery, JsonNode body) {
        Optional<String> paused = token.pausedBecause();
        if (paused.isPresent()) {
            throw new IdentityCenterUnavailable(operation, null, "not sent: " + paused.get(), null, null);
        }
        CallFence.awaitTurn(rateLimit, operation); // the fence after the wait: a claim lost meanwhile stops the call
        String bearer = token.current();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", SCIM_JSON);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", SCIM_JSON).method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IdentityCenterUnavailable(
                    operation,
                    null,
                    method + " " + pathAndQuery + ": no answer (" + e.getClass().getSimpleName()
                            + "); it may have been applied",
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityCenterUnavailable(operation, null, "interrupted", null, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body() == null || response.body().isBlank() ? null : read(operation, response.body());
        }
        throw failure(operation, method, pathAndQuery, response, bearer);
    }

    private IdentityCenterException failure(
            IdentityCenterOperation operation,
            String method,
            String pathAndQuery,
            HttpResponse<String> response,
            String bearer) {
        int status = response.statusCode();
        JsonNode error = readQuietly(response.body());
        String scimType = error.path("scimType").asText("");
        String detail = method + " " + pathAndQuery + ": HTTP " + status + " "
                + (error.hasNonNull("detail") ? error.get("detail").asText() : snippet(response.body()));
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
        Duration retryAfter = RetryAfterHeader.parse(
                        response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                .orElse(null);
        if (status == 401) {
            token.refused(bearer);
            return new IdentityCenterUnavailable(
                    operation,
                    null,
                    detail + " (token expired or rotated: the sync pauses " + "until a new token is written to "
                            + token.file() + ")",
                    requestId,
                    null);
        }
        if (status == 429) {
            return new IdentityCenterThrottled(operation, retryAfter, detail, requestId, null);
        }
        if (status >= 500) {
            return new IdentityCenterUnavailable(operation, retryAfter, detail, requestId, null);
        }
        if (status == 409) {
            return new IdentityCenterConflict(
                    operation, IdentityCenterConflict.Reason.UNIQUENESS_CONSTRAINT_VIOLATION, detail, requestId, null);
        }
        if (status == 404) {
            return new IdentityCenterNotFound(operation, null, null, detail, requestId, null);
        }
        return new IdentityCenterRejected(
                operation, "HTTP " + status + (scimType.isEmpty() ? "" : " " + scimType), detail, requestId, null);
    }

    /** The start of an answer that is not a SCIM error (a proxy's HTML page, say), on one line. */
    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(empty answer)";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(IdentityCenterOperation operation, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IdentityCenterUnavailable(
                    operation, null, "the downstream answered something that is not JSON", null, e);
        }
    }

    private JsonNode readQuietly(String text) {
        try {
            JsonNode node = text == null || text.isBlank() ? null : json.readTree(text);
            return node == null ? json.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
