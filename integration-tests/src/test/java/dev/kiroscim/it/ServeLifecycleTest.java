package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} as an operator sees it: a missing config file means defaults, {@code --config} is honoured, and
 * SIGTERM lets a request that is already in flight finish before the process exits.
 */
class ServeLifecycleTest {

    @Test
    void missingConfigFileMeansDefaultsAndSigtermFinishesInFlightRequests() throws IOException {
        ServerOptions options = ServerOptions.on(Backend.H2)
                .withConfigPath(Path.of("target", "no-such-kiro-scim.yaml").toAbsolutePath());
        try (KiroServer server = KiroServer.start(options)) {
            String userName = Bodies.uniqueUserName("inflight");
            byte[] body = Bodies.user(userName).toString().getBytes(StandardCharsets.UTF_8);
            int half = body.length / 2;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                String head = "POST /scim/v2/Users HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nAuthorization: Bearer " + server.token()
                        + "\r\nContent-Type: application/scim+json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, half);
                out.flush();

                server.sigterm();
                awaitNoNewConnections(server.port(), Duration.ofSeconds(5));

                out.write(body, half, body.length - half);
                out.flush();
                String response = readAll(socket.getInputStream());
                assertThat(response)
                        .as("response to the request in flight during SIGTERM")
                        .startsWith("HTTP/1.1 201");
            }
            int exit = server.awaitExit(KiroServer.STOP_TIMEOUT);
            assertThat(exit)
                    .as("exit code after SIGTERM (0, or 143 = 128+SIGTERM)\n%s", server.logTail())
                    .isIn(0, 143);

            server.startAgain();
            ScimClient.bearer(server)
                    .get("/Users", "filter", "userName eq \"" + userName + "\"")
                    .expectStatus(200)
                    .assertText("totalResults")
                    .isEqualTo("1");
        }
    }

    @Test
    void patchResponseCanBeConfiguredToNoContent() {
        try (KiroServer server =
                KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml("scim:\n  patchResponse: no-content\n"))) {
            ScimClient scim = ScimClient.bearer(server);
            String id = scim.createUser(Bodies.uniqueUserName("nocontent"));
            ScimResponse patched = scim.patch(
                    "/Users/" + id, Bodies.patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Quiet\"}"));
            patched.expectStatus(204);
            assertThat(patched.body())
                    .as("204 has no body\n%s", patched.describe())
                    .isEmpty();
            scim.get("/Users/" + id).expectStatus(200).assertText("displayName").isEqualTo("Quiet");
        }
    }

    /**
     * Waits (bounded) until the listener stops accepting, i.e. shutdown has begun. Reaching the bound is not a
     * failure: a server may keep accepting while it drains; the in-flight request is what the test checks.
     */
    private static void awaitNoNewConnections(int port, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                probe.setSoTimeout(200);
                probe.getOutputStream()
                        .write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String answer = readAll(probe.getInputStream());
                if (!answer.startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (IOException refusedOrTimedOut) {
                return;
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
