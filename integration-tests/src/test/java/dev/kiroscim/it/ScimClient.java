package dev.kiroscim.it;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SCIM client over rest-assured that behaves like a well-mannered IdP: {@code application/scim+json} in and out,
 * a bearer token, no redirects followed. Every call returns a {@link ScimResponse} for assertions.
 *
 * <pre>{@code
 * ScimClient scim = ScimClient.bearer(server);
 * String id = scim.post("/Users", Bodies.user("alice@example.com")).expectStatus(201).id();
 * scim.get("/Users", "filter", "userName eq \"ALICE@example.com\"").expectStatus(200).assertText("totalResults").isEqualTo("1");
 * }</pre>
 */
public final class ScimClient {

    public static final String SCIM_JSON = "application/scim+json";

    static {
        RestAssured.registerParser(SCIM_JSON, Parser.JSON);
    }

    /** No charset is appended behind our back, so "without charset" means without; no redirects; bounded waits. */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs(SCIM_JSON, ContentType.JSON))
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000)
                    .setParam("http.socket.timeout", 60_000));

    private final URI scimUri;
    private final String authorization;

    public ScimClient(URI scimUri, String authorization) {
        this.scimUri = scimUri;
        this.authorization = authorization;
    }

    public static ScimClient bearer(KiroServer server) {
        return new ScimClient(server.scimUri(), "Bearer " + server.token());
    }

    /** The same server with another {@code Authorization} header value, or none when {@code null}. */
    public ScimClient withAuthorization(String authorizationHeader) {
        return new ScimClient(scimUri, authorizationHeader);
    }

    public URI scimUri() {
        return scimUri;
    }

    /** A request with auth, {@code Content-Type} and {@code Accept} set to {@code application/scim+json}. */
    public RequestSpecification request() {
        RequestSpecification spec =
                given().config(CONFIG).contentType(SCIM_JSON).accept(SCIM_JSON);
        if (authorization != null) {
            spec.header(new Header("Authorization", authorization));
        }
        return spec;
    }

    /** {@code GET path} with query parameters given as name, value, name, value… (URL-encoded by rest-assured). */
    public ScimResponse get(String path, String... query) {
        return send(request().queryParams(pairs(query)), "GET", path, null);
    }

    public ScimResponse post(String path, Object body) {
        return send(request(), "POST", path, body);
    }

    public ScimResponse put(String path, Object body) {
        return send(request(), "PUT", path, body);
    }

    public ScimResponse patch(String path, Object body) {
        return send(request(), "PATCH", path, body);
    }

    public ScimResponse delete(String path) {
        return send(request(), "DELETE", path, null);
    }

    /** Sends {@code spec} with an optional JSON body ({@link String} or {@link JsonNode}) to {@code scimUri + path}. */
    public ScimResponse send(RequestSpecification spec, String method, String path, Object body) {
        String text = body == null ? null : body instanceof JsonNode node ? node.toString() : body.toString();
        if (text != null) {
            spec.body(text.getBytes(StandardCharsets.UTF_8));
        }
        String url = path.startsWith("http") ? path : scimUri + path;
        Response response = spec.request(method, url);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.getHeaders()
                .forEach(h -> headers.computeIfAbsent(h.getName(), k -> new ArrayList<>())
                        .add(h.getValue()));
        return new ScimResponse(
                method,
                url,
                text,
                response.getStatusCode(),
                headers,
                new String(response.asByteArray(), StandardCharsets.UTF_8));
    }

    // --- shortcuts for arranging test data ---------------------------------------------------------------------

    /** Creates a user (see {@link Bodies#user}) and returns its id; fails with the exchange if not 201. */
    public String createUser(String userName) {
        return post("/Users", Bodies.user(userName)).expectStatus(201).id();
    }

    public String createUser(JsonNode body) {
        return post("/Users", body).expectStatus(201).id();
    }

    public String createGroup(String displayName, String... memberIds) {
        return post("/Groups", Bodies.group(displayName, memberIds))
                .expectStatus(201)
                .id();
    }

    private static Map<String, Object> pairs(String... query) {
        if (query.length % 2 != 0) {
            throw new IllegalArgumentException("query must be name, value pairs");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            params.put(query[i], query[i + 1]);
        }
        return params;
    }
}
