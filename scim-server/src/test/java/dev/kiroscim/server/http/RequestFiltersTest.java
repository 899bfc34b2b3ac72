package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.server.scim.error.ScimException;
import java.net.URI;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pre-matching filters {@link TrailingSlash} and {@link HeaderSyntax}, on Jersey's own request object. */
class RequestFiltersTest {

    private static final URI BASE = URI.create("http://localhost:8080/");

    private static ContainerRequest request(String target) {
        return new ContainerRequest(BASE, BASE.resolve(target), "GET", null, new MapPropertiesDelegate(), null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "/scim/v2/Users/, /scim/v2/Users",
        "/scim/v2/Users//, /scim/v2/Users",
        "'/scim/v2/Users/?filter=userName%20eq%20%22a%22', '/scim/v2/Users?filter=userName%20eq%20%22a%22'",
        "/scim/v2/Users, /scim/v2/Users",
        "/scim/v2/Users?x=/, /scim/v2/Users?x=/",
        "/, /",
    })
    void trailingSlashIsDroppedBeforeRouting(String target, String expected) {
        ContainerRequest request = request(target);
        new TrailingSlash().filter(request);
        URI uri = request.getRequestUri();
        assertThat(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Content-Type | application/scim+json",
                "Content-Type | application/json; charset=utf-8",
                "Accept       | application/scim+json, application/json;q=0.9",
                "Accept       | */*",
            })
    void wellFormedMediaTypesPass(String header, String value) {
        ContainerRequest request = request("/scim/v2/Users");
        request.header(header, value);
        assertThatCode(() -> new HeaderSyntax().filter(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Content-Type | application/scim+json; charset",
                "Content-Type | /",
                "Accept       | application/json;q=x",
            })
    void malformedMediaTypesAre400WithAScimBody(String header, String value) {
        ContainerRequest request = request("/scim/v2/Users");
        request.header(header, value);
        assertThatThrownBy(() -> new HeaderSyntax().filter(request)).isInstanceOfSatisfying(ScimException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail())
                    .contains("the " + header + " header is not a valid media type")
                    .contains("got " + value.length() + " characters");
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Content-Type | application/scim+json; charset",
                "Accept       | application/json;q=x",
            })
    void inThePipelineAMalformedMediaTypeGetsAScimBodyNotJerseysBare400(String header, String value) {
        InProcessJersey.Answer answer = InProcessJersey.of(new HeaderSyntax(), new ErrorMapper())
                .post("/scim/v2/Users")
                .header(header, value)
                .send();

        AuthFilterTest.assertScimError(answer, 400, "the " + header + " header is not a valid media type");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"/scim/v2/Users/, scim/v2/Users", "/scim/v2/Users//?count=1, scim/v2/Users", "/healthz/, healthz"})
    void inThePipelineATrailingSlashRoutesToTheSameEndpoint(String target, String routed) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        InProcessJersey server = InProcessJersey.withHandler(
                path -> {
                    seen.add(path);
                    return jakarta.ws.rs.core.Response.ok().build();
                },
                new TrailingSlash());

        assertThat(server.get(target).send().status()).isEqualTo(200);
        assertThat(seen).containsExactly(routed);
    }
}
