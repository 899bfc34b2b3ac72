package dev.kiroscim.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link UpgradeOffersIgnored} on a bare Grizzly server whose handler reads the whole body and answers with its
 * length: a request offering {@code h2c} (as the JDK {@code HttpClient} sends it on {@code http://}) is answered
 * over HTTP/1.1 at once, and the connection stays usable for a second request. Without the filter, reading the body
 * never ends and the socket read below times out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeOffersIgnoredTest {

    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final String H2C_OFFER = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n";

    private HttpServer server;
    private int port;

    @BeforeAll
    void start() throws IOException {
        server = new HttpServer();
        NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
        server.addListener(listener);
        UpgradeOffersIgnored.install(listener);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws IOException {
                byte[] body = request.getInputStream().readAllBytes();
                byte[] answer = (request.getMethod() + " read " + body.length).getBytes(StandardCharsets.UTF_8);
                response.setContentType("text/plain");
                response.setContentLength(answer.length);
                response.getOutputStream().write(answer);
            }
        });
        server.start();
        port = listener.getPort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    static Stream<Arguments> offers() {
        String body = "{\"userName\":\"a@b.c\"}";
        return Stream.of(
                Arguments.of("GET", null, ""),
                Arguments.of("POST", body, ""),
                Arguments.of("PUT", body, ""),
                Arguments.of("PATCH", body, ""),
                Arguments.of("POST", "", ""),
                Arguments.of("POST", body, "Expect: 100-continue\r\n"),
                Arguments.of("DELETE", null, ""),
                Arguments.of("POST", body, "Connection: Upgrade\r\nUpgrade: websocket\r\n"));
    }

    @ParameterizedTest(name = "{0} body={1} {2}")
    @MethodSource("offers")
    void anUpgradeOfferIsIgnored_theBodyIsFramedByContentLength_andTheConnectionKeptAlive(
            String method, String body, String extraHeaders) throws IOException {
        String offer = extraHeaders.contains("Upgrade:") ? "" : H2C_OFFER;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            out.write((method + " /x HTTP/1.1\r\nHost: 127.0.0.1\r\n" + offer + extraHeaders
                            + (body == null ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            assertThat(readResponse(in)).isEqualTo(method + " read " + bytes.length);

            out.write("GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in))
                    .as("a second request on the same connection")
                    .isEqualTo("GET read 0");
        }
    }

    /** The body of the final (non-1xx) 200 response; fails on any other status. */
    private static String readResponse(BufferedReader in) throws IOException {
        String status = in.readLine();
        while (status != null && status.startsWith("HTTP/1.1 100")) {
            in.readLine(); // the empty line ending the interim response
            status = in.readLine();
        }
        assertThat(status).startsWith("HTTP/1.1 200");
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        assertThat(length).as("Content-Length of the answer").isPositive();
        char[] text = new char[length];
        int read = 0;
        while (read < length) {
            int n = in.read(text, read, length - read);
            assertThat(n).as("end of stream inside the answer").isPositive();
            read += n;
        }
        return new String(text);
    }
}
