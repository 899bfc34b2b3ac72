package dev.kiroscim.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.DeliveryOutcome;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The SSRF guard on the address actually connected to, and the sender's refusals before connecting. */
class ConnectedAddressCheckTest {

    private static final URI HTTPS = URI.create("https://hooks.example.com/x");

    @Test
    void aTlsConnectionThatReachedALoopbackAddressIsClosedBeforeTheHandshake() throws Exception {
        ConnectedAddressCheck check =
                new ConnectedAddressCheck((SSLSocketFactory) SSLSocketFactory.getDefault(), HTTPS, AddressRanges.ANY);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertThatThrownBy(() -> check.createSocket(plain, "hooks.example.com", server.getLocalPort(), true))
                    .isInstanceOf(ConnectedAddressCheck.Refused.class)
                    .hasMessage("refused to send to https://hooks.example.com/…: loopback address 127.0.0.1");
            assertThat(plain.isClosed()).isTrue();
        }
    }

    @Test
    void itMakesNoUnconnectedSocketsSoTheJdkConnectsAPlainOneFirst() {
        ConnectedAddressCheck check =
                new ConnectedAddressCheck((SSLSocketFactory) SSLSocketFactory.getDefault(), HTTPS, AddressRanges.ANY);
        assertThatThrownBy(check::createSocket)
                .isInstanceOf(SocketException.class)
                .hasCauseInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAllowedPrivateRangeIsLetThrough() throws Exception {
        ConnectedAddressCheck check = new ConnectedAddressCheck(
                (SSLSocketFactory) SSLSocketFactory.getDefault(), HTTPS, AddressRanges.parse("127.0.0.0/8"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket tls = check.createSocket(plain, "hooks.example.com", server.getLocalPort(), true)) {
            assertThat(tls).isInstanceOf(javax.net.ssl.SSLSocket.class);
        }
    }

    @Test
    void theSenderRefusesAnHttpsHostThatResolvesToLoopbackWithoutConnecting() {
        HttpWebhookSender sender = new HttpWebhookSender(new SecretFiles(Map.of()));
        NotificationEndpoint endpoint = new NotificationEndpoint(
                "local",
                URI.create("https://localhost:1/hook"),
                new EventSelector(List.of("seat.")),
                NotificationFormat.SLACK,
                AddressRanges.ANY);
        DeliveryOutcome outcome =
                sender.send(endpoint, "id", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.permanent()).isTrue();
        assertThat(outcome.error()).startsWith("refused to send to https://localhost:1/…: loopback address");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] followed = {0};
        server.createContext("/hook", x -> {
            x.getResponseHeaders()
                    .add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/elsewhere");
            x.sendResponseHeaders(307, -1);
            x.close();
        });
        server.createContext("/elsewhere", x -> {
            followed[0]++;
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            NotificationEndpoint endpoint = new NotificationEndpoint(
                    "local",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                    new EventSelector(List.of("seat.")),
                    NotificationFormat.SLACK,
                    AddressRanges.ANY);
            DeliveryOutcome outcome = new HttpWebhookSender(new SecretFiles(Map.of()))
                    .send(endpoint, "id", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.status()).isEqualTo(307);
            assertThat(outcome.error()).contains("redirect not followed");
            assertThat(followed[0]).isZero();
        } finally {
            server.stop(0);
        }
    }
}
