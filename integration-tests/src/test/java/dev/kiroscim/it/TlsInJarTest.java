package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.testsupport.TestCertificates;
import dev.kiroscim.core.testsupport.TestCertificates.KeyFormat;
import dev.kiroscim.core.testsupport.TestCertificates.KeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-jar TLS, black box: the jar started with {@code --tls-cert/--tls-key} (a certificate made in the test, RSA with
 * a PKCS#1 key) answers over HTTPS; the files are replaced with a new certificate (EC, PKCS#8 key) while it runs,
 * and new connections get the new certificate without a restart; a TLS 1.1 client is refused at the handshake
 * while TLS 1.2 and 1.3 clients connect.
 */
class TlsInJarTest {

    static {
        // Let this test's client offer TLS 1.0/1.1 (the JDK disables them for clients too); the server must refuse.
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        Security.setProperty("jdk.tls.disabledAlgorithms", disabled.replaceAll("TLSv1(\\.1)?\\s*,", "").replaceAll(",\\s*TLSv1(\\.1)?(?=\\s*(,|$))", ""));
    }

    @TempDir
    Path dir;

    @Test
    void servesHttpsReloadsARotatedCertificateAndRefusesTls11() throws Exception {
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        TestCertificates.Issued first = TestCertificates.issue("kiro-first.test", KeyType.RSA);
        first.writeTo(cert, key, KeyFormat.TRADITIONAL);
        assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");

        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2)
                .withArgs("--tls-cert", cert.toString()).withEnv("KIRO_SCIM_TLS_KEY", key.toString()))) {
            assertThat(server.scimUri().getScheme()).isEqualTo("https");
            HttpResponse<String> users = get(server.scimUri().resolve("/scim/v2/Users"), "Bearer " + server.token());
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
            assertThat(servedCertificate(server.port(), "TLSv1.3")).isEqualTo(first.certificate());
            assertThat(servedCertificate(server.port(), "TLSv1.2")).isEqualTo(first.certificate());

            TestCertificates.Issued second = TestCertificates.issue("kiro-second.test", KeyType.EC);
            second.writeTo(cert, key, KeyFormat.PKCS8);
            X509Certificate served = Poll.until("the rotated certificate is served", Duration.ofSeconds(20), Duration.ofMillis(200),
                    () -> servedCertificate(server.port(), "TLSv1.3"), c -> c.equals(second.certificate()));
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=kiro-second.test");
            assertThat(get(server.scimUri().resolve("/scim/v2/Users"), "Bearer " + server.token()).statusCode()).isEqualTo(200);

            for (String old : new String[] {"TLSv1.1", "TLSv1"}) {
                assertThatThrownBy(() -> handshake(server.port(), old))
                        .as("a %s client must be refused by the server", old)
                        .isInstanceOf(SSLHandshakeException.class)
                        .satisfies(e -> assertThat(e.getMessage()).as("refused by the server, not by our own client")
                                .doesNotContain("No appropriate protocol"));
            }
            assertThat(server.logTail()).contains("TLS certificate reloaded").doesNotContain(server.token());
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotTheCertificates() {
        TestCertificates.issue("a.test", KeyType.RSA).writeTo(dir.resolve("a.crt"), dir.resolve("a.key"), KeyFormat.PKCS8);
        TestCertificates.issue("b.test", KeyType.RSA).writeTo(dir.resolve("b.crt"), dir.resolve("b.key"), KeyFormat.PKCS8);
        KiroCli.Result result = KiroCli.run("serve", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--tls-cert", dir.resolve("a.crt").toString(), "--tls-key", dir.resolve("b.key").toString());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe()).contains("is not the private key of the first certificate");
    }

    private static HttpResponse<String> get(URI uri, String authorization) {
        try {
            return HttpClient.newBuilder().sslContext(TrustAnyCertificate.context("TLS")).build()
                    .send(HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The leaf certificate a fresh {@code protocol} handshake gets (a new context each time: no session resumption). */
    private static X509Certificate servedCertificate(int port, String protocol) {
        try (SSLSocket socket = handshake(port, protocol)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLSocket handshake(int port, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) TrustAnyCertificate.context("TLS").getSocketFactory().createSocket("127.0.0.1", port);
        try {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
