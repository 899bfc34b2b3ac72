package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RequestHeadLimits} and {@link BodyLimit} through the pipeline with {@link ErrorMapper}: each limit at its
 * boundary, and each refusal with its status and an RFC 7644 §3.12 body.
 */
class RequestLimitsTest {

    private static final InProcessJersey SERVER =
            InProcessJersey.of(new RequestHeadLimits(), new BodyLimit(), new ErrorMapper());

    /** A target of exactly {@code length} characters: path plus {@code ?} plus query. */
    private static String targetOf(int length) {
        String path = "/scim/v2/Users";
        return path + "?filter=" + "x".repeat(length - path.length() - "?filter=".length());
    }

    @ParameterizedTest(name = "URI of {0} characters → {1}")
    @CsvSource({"8192, 200", "8193, 414", "20000, 414"})
    void requestUriLength(int length, int status) {
        InProcessJersey.Answer answer = SERVER.get(targetOf(length)).send();
        if (status == 200) {
            assertThat(answer.status()).isEqualTo(200);
        } else {
            AuthFilterTest.assertScimError(answer, 414, "the request URI is " + length + " characters long");
            assertThat(answer.json().has("scimType")).isFalse();
        }
    }

    static Stream<Arguments> headerSets() {
        int overhead = "X-Big".length() + 2 + 2;
        return Stream.of(
                Arguments.of("100 fields", 100, 1, 200),
                Arguments.of("101 fields", 101, 1, 431),
                Arguments.of("16384 bytes", 1, RequestHeadLimits.MAX_HEADER_BYTES - overhead, 200),
                Arguments.of("16385 bytes", 1, RequestHeadLimits.MAX_HEADER_BYTES - overhead + 1, 431));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("headerSets")
    void headerBytesAndCount(String name, int fields, int valueLength, int status) {
        InProcessJersey.Call call = SERVER.get("/scim/v2/Users");
        if (fields == 1) {
            call.header("X-Big", "v".repeat(valueLength));
        } else {
            IntStream.range(0, fields).forEach(i -> call.header("X-H" + i, "v"));
        }
        InProcessJersey.Answer answer = call.send();
        if (status == 200) {
            assertThat(answer.status()).isEqualTo(200);
        } else {
            AuthFilterTest.assertScimError(answer, 431, "at most 16384 bytes and 100 fields are accepted");
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "/scim/v2/Users/%00, invalidValue, path contains a control character U+0000",
        "/scim/v2/Users?attributes=%07, invalidValue, query parameter attributes contains a control character U+0007",
        "'/scim/v2/Users?filter=userName%20eq%20%22%01%22', invalidFilter, query parameter filter contains a control",
        "/scim/v2/Users?%1B=x, invalidValue, query parameter name contains a control character U+001B",
    })
    void controlCharactersInTheDecodedPathOrQueryAre400(String target, String scimType, String detail) {
        InProcessJersey.Answer answer = SERVER.get(target).send();

        AuthFilterTest.assertScimError(answer, 400, detail);
        assertThat(answer.json().get("scimType").textValue()).isEqualTo(scimType);
    }

    @Test
    void tabsAndNewlinesInAQueryAreText() {
        assertThat(SERVER.get("/scim/v2/Users?filter=a%09b%0Ac").send().status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} bytes, length {1} → {2}")
    @CsvSource({"1048576, declared, 200", "1048576, chunked, 200", "1048577, declared, 413", "1048577, chunked, 413"})
    void bodyUpToOneMebibyteIsRead(int size, String framing, int status) {
        InProcessJersey.Call call = SERVER.post("/scim/v2/Users");
        if (framing.equals("declared")) {
            call.body("application/scim+json", new byte[size]);
        } else {
            call.body("application/scim+json", new ByteArrayInputStream(new byte[size]));
        }
        InProcessJersey.Answer answer = call.send();
        if (status == 200) {
            assertThat(answer.status()).isEqualTo(200);
        } else {
            AuthFilterTest.assertScimError(answer, 413, "the request body is larger than 1 MiB");
        }
    }

    @Test
    void anOversizedDeclaredLengthIsRefusedWithoutReadingTheBody() {
        AtomicBoolean read = new AtomicBoolean();
        InputStream body = new InputStream() {
            @Override
            public int read() {
                read.set(true);
                return -1;
            }
        };
        InProcessJersey.Answer answer = SERVER.post("/scim/v2/Users")
                .header("Content-Length", Long.toString(10L * BodyLimit.MAX_BYTES))
                .body("application/scim+json", body)
                .send();

        AuthFilterTest.assertScimError(answer, 413, "larger than 1 MiB");
        assertThat(read).isFalse();
    }
}
