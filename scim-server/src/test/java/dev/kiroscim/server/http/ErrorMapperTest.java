package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.directory.StoreBusy;
import dev.kiroscim.core.directory.StoreUnavailable;
import dev.kiroscim.core.transaction.StaleWrite;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.core.Response;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The database failures a client can wait out get a status it retries and a {@code Retry-After}; neither is a 500. */
class ErrorMapperTest {

    static Stream<Arguments> storeFailures() {
        return Stream.of(
                // failure, status, Retry-After
                Arguments.of(new StoreBusy("pool exhausted", null), 429, "1"),
                Arguments.of(new StoreUnavailable("database down", null), 503, "5"),
                Arguments.of(new StaleWrite("past its request's deadline"), 503, "1"),
                Arguments.of(new IllegalStateException("bug"), 500, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("storeFailures")
    void storeFailuresAreScimErrorsWithRetryAfter(RuntimeException failure, int status, String retryAfter)
            throws Exception {
        Response response = new ErrorMapper().toResponse(failure);

        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(retryAfter);
        assertThat(response.getMediaType().toString()).startsWith("application/scim+json");
        JsonNode body = ScimJson.MAPPER.readTree((byte[]) response.getEntity());
        assertThat(body.path("schemas").get(0).asText()).isEqualTo(ScimErrors.ERROR_URN);
        assertThat(body.path("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("database down"); // no internals leak
    }
}
