package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile or merely different clients at the edge (decisions: "upgrade offers"). A request offering an HTTP/2
 * cleartext upgrade, as the JDK {@code HttpClient} sends every {@code http://} request by default, is answered over
 * HTTP/1.1 at once with the normal response; it used to wait for a body that never ended and answer 500. A body cut
 * short by the client is a 400 in the access log, not an error logged as a 500, and it does not keep the worker
 * waiting for Grizzly's 30 s read timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeOfferTest {

    /** Far below the 30 s Grizzly waits for a missing body: an answer within it is prompt. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private static final String H2C_OFFER = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n";

    private KiroServer server;
    private RawHttp raw;
    private String userId;
    private String userName;

    @BeforeAll
    void start() {
        server = KiroServer.start(ServerOptions.on(Backend.H2));
        raw = RawHttp.to(server);
        userName = Bodies.uniqueUserName("upgrade");
        userId = raw.send(
                        "POST",
                        "/Users",
                        Bodies.user(userName).toString(),
                        "Authorization",
                        "Bearer " + server.token(),
                        "Content-Type",
                        "application/scim+json")
                .expectStatus(201)
                .id();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theJdkHttpClientWithItsDefaultVersion_createsAUserPromptly() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(PROMPT).build();
        assertThat(client.version()).as("the JDK client's default").isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> created = client.send(
                HttpRequest.newBuilder(server.scimUri().resolve("/scim/v2/Users"))
                        .timeout(PROMPT)
                        .header("Authorization", "Bearer " + server.token())
                        .header("Content-Type", "application/scim+json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Bodies.user(Bodies.uniqueUserName("jdk")).toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    /** Method, path after {@code /scim/v2}, body (null: none), extra headers, expected status. */
    Stream<Arguments> offers() {
        Function<String, String> user = name -> Bodies.user(name).toString();
        String patch = "{\"schemas\":[\"" + Bodies.PATCH_URN + "\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"displayName\",\"value\":\"Upgraded\"}]}";
        return Stream.of(
                Arguments.of("GET", "/Users?count=1", null, "", 200),
                Arguments.of("GET", "/Users/" + userId, null, "", 200),
                Arguments.of("POST", "/Users", user.apply(Bodies.uniqueUserName("h2c")), "", 201),
                Arguments.of(
                        "POST",
                        "/Users",
                        user.apply(Bodies.uniqueUserName("h2c-expect")),
                        "Expect: 100-continue\r\n",
                        201),
                Arguments.of("POST", "/Users", null, "", 400),
                Arguments.of("POST", "/Users", "", "", 400),
                Arguments.of("PUT", "/Users/" + userId, user.apply(userName), "", 200),
                Arguments.of("PUT", "/Users/" + userId, user.apply(userName), "Expect: 100-continue\r\n", 200),
                Arguments.of("PATCH", "/Users/" + userId, patch, "", 200),
                Arguments.of("PATCH", "/Users/" + userId, patch, "Expect: 100-continue\r\n", 200),
                Arguments.of("PATCH", "/Users/" + userId, null, "", 400));
    }

    @ParameterizedTest(name = "{0} {1} {3}-> {4}")
    @MethodSource("offers")
    void anH2cOfferIsIgnored_andTheRequestAnsweredOverHttp11(
            String method, String path, String body, String extraHeaders, int expected) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout((int) PROMPT.toMillis());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(head(method, path, H2C_OFFER + extraHeaders, body == null ? -1 : bytes.length));
            out.write(bytes);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(finalStatusLine(in)).startsWith("HTTP/1.1 " + expected + " ");
        }
    }

    @Test
    void aBodyShorterThanItsContentLength_thenClose_isA400_notALoggedError_andFreesTheWorker() throws IOException {
        byte[] body = Bodies.user(Bodies.uniqueUserName("short")).toString().getBytes(StandardCharsets.UTF_8);
        long logBefore = Files.size(server.logFile());
        String log = "";
        String[] offers = {"", H2C_OFFER};
        for (int i = 0; i < offers.length; i++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(head("POST", "/Users", offers[i], body.length + 100));
                out.write(body);
                out.flush();
            }
            // The access line is written when the request ends: within PROMPT, not after Grizzly's 30 s read timeout,
            // so the worker waiting for the missing bytes was freed when the connection closed.
            int answered = i + 1;
            log = Poll.until(
                    answered + " access log lines 'POST /scim/v2/Users 400'",
                    PROMPT,
                    Duration.ofMillis(50),
                    () -> logSince(logBefore),
                    since -> since.split("POST /scim/v2/Users 400", -1).length - 1 == answered);
        }
        assertThat(log).doesNotContain("[ERROR]").doesNotContain(" 500 ");
        raw.send("GET", "/Users?count=1", null, "Authorization", "Bearer " + server.token())
                .expectStatus(200);
    }

    private byte[] head(String method, String path, String headers, int contentLength) {
        return (method + " /scim/v2" + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                        + "Authorization: Bearer " + server.token() + "\r\n"
                        + "Content-Type: application/scim+json\r\n" + headers
                        + (contentLength < 0 ? "" : "Content-Length: " + contentLength + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line of the final response, after any {@code 100 Continue}. */
    private static String finalStatusLine(BufferedReader in) throws IOException {
        String status = in.readLine();
        while (status != null && status.startsWith("HTTP/1.1 100")) {
            in.readLine(); // the empty line ending the interim response
            status = in.readLine();
        }
        return String.valueOf(status);
    }

    /** The server log written since {@code offset} (bytes). */
    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(server.logFile());
            return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
