package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.render.ScimJson;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MalformedUriGuard} and {@link OversizedHeadResponses}, which act below Jersey, on a real Grizzly server on
 * 127.0.0.1 (an ephemeral port) installed as {@code BridgeServer} installs them, spoken to over a raw socket: an
 * HTTP client library would refuse to send most of these requests.
 */
class GrizzlyEdgeTest {

    private static HttpServer http;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        ResourceConfig rc = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(new InProcessJersey.Echo(
                        path -> Response.ok("{}", "application/json").build()))
                .register(new RequestHeadLimits())
                .register(new ErrorMapper());
        http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), rc, false);
        MalformedUriGuard.install(http);
        for (NetworkListener listener : http.getListeners()) {
            listener.setMaxHttpHeaderSize(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES);
            listener.setMaxRequestHeaders(RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT);
        }
        http.start();
        for (NetworkListener listener : http.getListeners()) {
            OversizedHeadResponses.install(listener, http.getServerConfiguration());
            port = listener.getPort();
        }
    }

    @AfterAll
    static void stop() {
        http.shutdownNow();
    }

    /** Status, lower-cased headers and body of one raw exchange. */
    record Raw(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return ScimJson.MAPPER.readTree(body);
        }
    }

    private static Raw exchange(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Raw(status, headers, in.readNBytes(length));
    }

    private static String get(String target, String... headerLines) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + Stream.of(headerLines).map(h -> h + "\r\n").collect(Collectors.joining()) + "\r\n";
    }

    static Stream<Arguments> heads() {
        String many = IntStream.range(0, RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT + 1)
                .mapToObj(i -> "X-H" + i + ": v")
                .collect(Collectors.joining("\r\n"));
        return Stream.of(
                Arguments.of("a sane request", get("/scim/v2/Users?filter=userName%20eq%20%22a%22"), 200, null),
                Arguments.of(
                        "%zz in the path", get("/scim/v2/Users/%zz"), 400, "the request target is not a valid URI"),
                Arguments.of("a lone % in the query", get("/scim/v2/Users?%"), 400, "not a valid URI"),
                Arguments.of(
                        "a request line over Grizzly's limit",
                        get("/scim/v2/Users?filter=" + "x".repeat(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES)),
                        414,
                        "the request line is longer than"),
                Arguments.of(
                        "headers over Grizzly's byte limit",
                        get("/scim/v2/Users", "X-Big: " + "v".repeat(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES)),
                        431,
                        "the request headers exceed"),
                Arguments.of("more headers than Grizzly's count limit", get("/scim/v2/Users", many), 431, "fields"),
                Arguments.of(
                        "over our limits but under Grizzly's: Jersey's filter answers",
                        get("/scim/v2/Users", "X-Big: " + "v".repeat(RequestHeadLimits.MAX_HEADER_BYTES)),
                        431,
                        "at most 16384 bytes"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("heads")
    void requestsJerseyCannotParseGetScimErrors(String name, String head, int status, String detail)
            throws IOException {
        Raw answer = exchange(head);

        assertThat(answer.status()).isEqualTo(status);
        if (detail != null) {
            assertThat(answer.headers().get("content-type")).startsWith("application/scim+json");
            JsonNode body = answer.json();
            assertThat(body.get("schemas").get(0).textValue()).isEqualTo(ScimErrors.ERROR_URN);
            assertThat(body.get("status").textValue()).isEqualTo(Integer.toString(status));
            assertThat(body.get("detail").textValue()).contains(detail);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                    .as("no exception or HTML page leaks")
                    .doesNotContain("Exception")
                    .doesNotContain("<html");
        }
    }
}
