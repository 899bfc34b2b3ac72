package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.security.cert.X509Certificate;
import java.time.Duration;
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

    /**
     * A client in its own JVM whose security properties allow TLS 1.0 and 1.1 (the JDK disables them for clients
     * too, and this JVM's TLS settings are fixed once any test has used TLS): prints {@code CONNECTED <protocol>} or
     * {@code REFUSED <reason>}.
     */
    private static final String PROBE = """
            import javax.net.ssl.*;
            import java.security.cert.X509Certificate;
            public class Probe {
                public static void main(String[] a) throws Exception {
                    TrustManager[] trust = {new X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] c, String t) {}
                        public void checkServerTrusted(X509Certificate[] c, String t) {}
                        public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
                    }};
                    SSLContext context = SSLContext.getInstance("TLS");
                    context.init(null, trust, null);
                    try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", Integer.parseInt(a[0]))) {
                        s.setSoTimeout(10000);
                        s.setEnabledProtocols(new String[] {a[1]});
                        s.startHandshake();
                        System.out.println("CONNECTED " + s.getSession().getProtocol());
                    } catch (javax.net.ssl.SSLException e) {
                        System.out.println("REFUSED " + e.getMessage());
                    }
                }
            }
            """;

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
                .withArgs("--tls-cert", cert.toString())
                .withEnv("KIRO_SCIM_TLS_KEY", key.toString()))) {
            assertThat(server.scimUri().getScheme()).isEqualTo("https");
            HttpResponse<String> users = get(server.scimUri().resolve("/scim/v2/Users"), "Bearer " + server.token());
            assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
            assertThat(servedCertificate(server.port(), "TLSv1.3")).isEqualTo(first.certificate());
            assertThat(servedCertificate(server.port(), "TLSv1.2")).isEqualTo(first.certificate());

            TestCertificates.Issued second = TestCertificates.issue("kiro-second.test", KeyType.EC);
            second.writeTo(cert, key, KeyFormat.PKCS8);
            X509Certificate served = Poll.until(
                    "the rotated certificate is served",
                    Duration.ofSeconds(20),
                    Duration.ofMillis(200),
                    () -> servedCertificate(server.port(), "TLSv1.3"),
                    c -> c.equals(second.certificate()));
            assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=kiro-second.test");
            assertThat(get(server.scimUri().resolve("/scim/v2/Users"), "Bearer " + server.token())
                            .statusCode())
                    .isEqualTo(200);

            assertThat(probeInOwnJvm(server.port(), "TLSv1.2"))
                    .as("the probe itself can connect")
                    .isEqualTo("CONNECTED TLSv1.2");
            for (String old : new String[] {"TLSv1.1", "TLSv1"}) {
                assertThat(probeInOwnJvm(server.port(), old))
                        .as("a %s client must be refused by the server", old)
                        .startsWith(
                                "REFUSED") // the server closes the handshake ("protocol_version" alert or a hang-up)
                        .doesNotContain("No appropriate protocol"); // …and not our own client, which would say this
            }
            assertThat(server.logTail()).contains("TLS certificate reloaded").doesNotContain(server.token());
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotTheCertificates() {
        TestCertificates.issue("a.test", KeyType.RSA)
                .writeTo(dir.resolve("a.crt"), dir.resolve("a.key"), KeyFormat.PKCS8);
        TestCertificates.issue("b.test", KeyType.RSA)
                .writeTo(dir.resolve("b.crt"), dir.resolve("b.key"), KeyFormat.PKCS8);
        KiroCli.Result result = KiroCli.run(
                "serve",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--tls-cert",
                dir.resolve("a.crt").toString(),
                "--tls-key",
                dir.resolve("b.key").toString());
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).as(result.describe()).contains("is not the private key of the first certificate");
    }

    private String probeInOwnJvm(int port, String protocol) throws IOException, InterruptedException {
        Path source = dir.resolve("Probe.java");
        Files.writeString(source, PROBE);
        Path security = dir.resolve("old-tls.security");
        Files.writeString(
                security, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, anon, NULL\n");
        Process p = new ProcessBuilder(
                        KiroServer.javaExecutable(),
                        "-Djava.security.properties=" + security,
                        source.toString(),
                        Integer.toString(port),
                        protocol)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("probe finished: " + out)
                .isTrue();
        return out.lines().reduce((a, b) -> b).orElse(out);
    }

    private static HttpResponse<String> get(URI uri, String authorization) {
        try {
            return HttpClient.newBuilder()
                    .sslContext(TrustAnyCertificate.context("TLS"))
                    .build()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", authorization)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
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
        SSLSocket socket = (SSLSocket)
                TrustAnyCertificate.context("TLS").getSocketFactory().createSocket("127.0.0.1", port);
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
