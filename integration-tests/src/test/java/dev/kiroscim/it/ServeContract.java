package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code serve} surface and the cross-cutting SCIM rules: health probes, authentication (RFC 7644 §2),
 * media types (§3.1, §8.1), discovery endpoints (§4), the 1 MiB body limit, and an honest ServiceProviderConfig.
 */
abstract class ServeContract extends ScimContract {

    private static final HttpClient RAW = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @ParameterizedTest(name = "GET {0} answers 200 without auth")
    @ValueSource(strings = {"/healthz", "/readyz"})
    void healthProbesNeedNoAuth(String path) {
        ScimResponse response = scim.withAuthorization(null).get(server.baseUri() + path);
        response.expectStatus(200);
    }

    static Stream<Arguments> rejectedAuthorizations() {
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("wrong bearer token", "Bearer not-the-token"),
                Arguments.of("Okta spec test's non-token", "non-token"),
                Arguments.of("Basic with wrong password", basic("bootstrap", "wrong")),
                Arguments.of("Basic with unknown user", basic("nobody", "wrong")));
    }

    @ParameterizedTest(name = "{0} → 401 with a SCIM error body")
    @MethodSource("rejectedAuthorizations")
    void missingOrWrongCredentialsGet401WithScimError(String why, String authorization) {
        scim.withAuthorization(authorization).get("/Users").expectScimError(401, null);
    }

    @Test
    void bearerTokenIsAccepted() {
        scim.get("/Users").expectStatus(200).expectScimContentType();
    }

    @Test
    void basicAuthWithTokenNameAndTokenIsAccepted() {
        // Okta offers Basic auth: user name = token name, password = the token.
        scim.withAuthorization(basic("bootstrap", server.token())).get("/Users").expectStatus(200);
    }

    @ParameterizedTest(name = "POST /Users with Content-Type {0} → 201")
    @ValueSource(
            strings = {
                "application/scim+json",
                "application/scim+json; charset=utf-8",
                "application/json",
                "application/json; charset=UTF-8",
                "application/json;charset=utf-8"
            })
    void requestBodiesAreAcceptedAsScimJsonOrJsonWithOrWithoutCharset(String contentType) {
        String userName = Bodies.uniqueUserName("ctype");
        ScimResponse created =
                scim.send(scim.request().contentType(contentType), "POST", "/Users", Bodies.user(userName));
        created.expectStatus(201).expectScimContentType();
        created.assertText("userName").isEqualTo(userName);
    }

    @Test
    void requestsWithoutAcceptHeaderAreAnsweredAsScimJson() throws Exception {
        // Entra's Test Connection sends no Accept header; java.net.http sends none unless told to.
        HttpRequest get = HttpRequest.newBuilder(URI.create(server.scimUri() + "/Users?count=1"))
                .header("Authorization", "Bearer " + server.token())
                .GET()
                .build();
        ScimResponse listed = exchange(get, null);
        listed.expectStatus(200).expectScimContentType();

        String body = Bodies.user(Bodies.uniqueUserName("noaccept")).toString();
        HttpRequest post = HttpRequest.newBuilder(URI.create(server.scimUri() + "/Users"))
                .header("Authorization", "Bearer " + server.token())
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        exchange(post, body).expectStatus(201).expectScimContentType();
    }

    static Stream<Arguments> errorResponses() {
        return Stream.of(
                Arguments.of("unknown user id", "GET", "/Users/00000000-no-such-user", null, 404),
                Arguments.of("unknown group id", "GET", "/Groups/00000000-no-such-group", null, 404),
                Arguments.of("malformed JSON body", "POST", "/Users", "{\"userName\": ", 400),
                Arguments.of("JSON array instead of a resource", "POST", "/Users", "[1,2]", 400),
                Arguments.of(
                        "user without userName", "POST", "/Users", "{\"schemas\":[\"" + Bodies.USER_URN + "\"]}", 400),
                Arguments.of(
                        "PATCH body that is not a PatchOp", "PATCH", "/Users/00000000-no-such-user", "{\"x\":1}", null),
                Arguments.of("unparseable filter", "GET", "/Users?filter=userName%20eq", null, 400));
    }

    @ParameterizedTest(name = "{0} → SCIM error as application/scim+json, never 500")
    @MethodSource("errorResponses")
    void clientErrorsAreScimErrorsNever500(
            String why, String method, String path, String body, Integer expectedStatus) {
        ScimResponse response = scim.send(scim.request().urlEncodingEnabled(false), method, path, body);
        assertThat(response.status())
                .as("a client error must be 4xx, never 5xx\n%s", response.describe())
                .isBetween(400, 499);
        if (expectedStatus != null) {
            response.expectScimError(expectedStatus, null);
        } else {
            response.expectScimError(response.status(), null);
        }
    }

    @Test
    void serviceProviderConfigDescribesTheServer() {
        ScimResponse spc = scim.get("/ServiceProviderConfig").expectStatus(200).expectScimContentType();
        spc.assertTexts("schemas", "").contains("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        for (String flag : new String[] {
            "patch.supported",
            "bulk.supported",
            "filter.supported",
            "changePassword.supported",
            "sort.supported",
            "etag.supported"
        }) {
            assertThat(spc.node(flag).isBoolean())
                    .as("%s must be a JSON boolean\n%s", flag, spc.describe())
                    .isTrue();
        }
        for (String number : new String[] {"filter.maxResults", "bulk.maxOperations", "bulk.maxPayloadSize"}) {
            assertThat(spc.node(number).isNumber())
                    .as("%s must be a JSON number\n%s", number, spc.describe())
                    .isTrue();
        }
        spc.assertText("patch.supported").isEqualTo("true");
        spc.assertText("filter.supported").isEqualTo("true");
        spc.assertText("sort.supported").isEqualTo("true");
        assertThat(spc.node("filter.maxResults").asInt())
                .as("filter.maxResults\n%s", spc.describe())
                .isPositive();
        assertThat(spc.node("authenticationSchemes").size())
                .as("authenticationSchemes\n%s", spc.describe())
                .isPositive();
        spc.assertText("authenticationSchemes[0].type").isNotBlank();
        spc.assertText("authenticationSchemes[0].description").isNotBlank();
    }

    @Test
    void serviceProviderConfigAdvertisesOnlyWhatIsEnforced() {
        ScimResponse spc = scim.get("/ServiceProviderConfig").expectStatus(200);
        // ETags are required by the issue and enforced (see UsersContract.staleIfMatchGets412…).
        spc.assertText("etag.supported").isEqualTo("true");
        // password is never stored, so changing it cannot be supported.
        spc.assertText("changePassword.supported").isEqualTo("false");
        if ("true".equals(spc.text("bulk.supported"))) {
            String bulk = """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                     "Operations":[{"method":"POST","path":"/Users","bulkId":"b1","data":%s}]}
                    """.formatted(Bodies.user(Bodies.uniqueUserName("bulk")));
            ScimResponse answered = scim.post("/Bulk", bulk);
            answered.expectStatus(200);
            answered.assertText("Operations[0].status").startsWith("201");
        } else {
            spc.assertText("bulk.supported").isEqualTo("false");
        }
    }

    @Test
    void resourceTypesListUsersAndGroups() {
        ScimResponse types = scim.get("/ResourceTypes").expectStatus(200).expectScimContentType();
        types.assertTexts("schemas", "").contains(ScimResponse.LIST_URN);
        assertThat(types.node("totalResults").isNumber())
                .as("totalResults number\n%s", types.describe())
                .isTrue();
        types.assertTexts("Resources", "name").contains("User", "Group");
        types.assertTexts("Resources", "endpoint").contains("/Users", "/Groups");
        types.assertTexts("Resources", "schema").contains(Bodies.USER_URN, Bodies.GROUP_URN);
        types.assertTexts("Resources", "schemaExtensions[0].schema").contains(Bodies.ENTERPRISE_URN);
    }

    @Test
    void schemasListCoreUserGroupAndEnterpriseUser() {
        ScimResponse schemas = scim.get("/Schemas").expectStatus(200).expectScimContentType();
        schemas.assertTexts("schemas", "").contains(ScimResponse.LIST_URN);
        schemas.assertTexts("Resources", "id").contains(Bodies.USER_URN, Bodies.GROUP_URN, Bodies.ENTERPRISE_URN);
        for (JsonNode schema : schemas.node("Resources")) {
            assertThat(schema.path("attributes").size())
                    .as("attributes of %s\n%s", schema.path("id"), schemas.describe())
                    .isPositive();
        }
        // password is never stored, so it must not be advertised (docs/idp-quirks.md §O13).
        assertThat(schemas.body())
                .as("/Schemas must not advertise password\n%s", schemas.describe())
                .doesNotContain("\"password\"");
    }

    @ParameterizedTest(name = "POST {0} → 405")
    @ValueSource(strings = {"/ServiceProviderConfig", "/ResourceTypes", "/Schemas"})
    void discoveryEndpointsAreReadOnly(String path) {
        scim.post(path, "{}").expectStatus(405).expectScimContentType();
    }

    @Test
    void bodyOverOneMebibyteGets413() throws Exception {
        String padding = "x".repeat(1024 * 1024 + 1024);
        String body = "{\"schemas\":[\"" + Bodies.USER_URN + "\"],\"userName\":\"" + Bodies.uniqueUserName("huge")
                + "\",\"displayName\":\"" + padding + "\"}";
        HttpRequest post = HttpRequest.newBuilder(URI.create(server.scimUri() + "/Users"))
                .header("Authorization", "Bearer " + server.token())
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        exchange(post, body).expectStatus(413).expectScimContentType();
    }

    static ScimResponse exchange(HttpRequest request, String requestBody) throws IOException, InterruptedException {
        HttpResponse<String> response = RAW.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new ScimResponse(
                request.method(),
                request.uri().toString(),
                requestBody,
                response.statusCode(),
                response.headers().map(),
                response.body());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
