package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.ExternalComponent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (the Debian package) in front of the replicas, on a free loopback port, with the health check
 * {@code docs/deploy.md} recommends: {@code GET /readyz} every 500 ms, out after 2 failures, back after 1 success.
 * Skips the test when {@code haproxy} is not installed, and fails instead under {@code CI=true}.
 */
final class HaproxyFrontend implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path config;

    private HaproxyFrontend(Process process, int port, Path config) {
        this.process = process;
        this.port = port;
        this.config = config;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) || Files.isExecutable(Path.of("/usr/bin/haproxy"));
    }

    static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "/usr/bin/haproxy";
    }

    /** The config the test writes (the same shape as the example in docs/deploy.md). */
    static String config(int port, List<Integer> replicaPorts) {
        StringBuilder cfg = new StringBuilder("""
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch
                frontend scim
                    bind 127.0.0.1:%d
                    http-request set-header X-Request-Start t=%%[date(0,ms)]
                    default_backend replicas
                backend replicas
                    balance roundrobin
                    option httpchk GET /readyz
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 1
                """.formatted(port));
        for (int i = 0; i < replicaPorts.size(); i++) {
            cfg.append("    server r")
                    .append(i)
                    .append(" 127.0.0.1:")
                    .append(replicaPorts.get(i))
                    .append(" check\n");
        }
        return cfg.toString();
    }

    static HaproxyFrontend start(List<Integer> replicaPorts, Path logDir) throws IOException, InterruptedException {
        ExternalComponent.require("haproxy", installed(), "apt-get install haproxy (.ci/run installs it)");
        int port = freePort();
        Path config = Files.createTempFile("kiro-haproxy-", ".cfg");
        Files.writeString(config, config(port, replicaPorts));
        Process p = new ProcessBuilder(binary(), "-f", config.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("haproxy.log").toFile())
                .start();
        HaproxyFrontend frontend = new HaproxyFrontend(p, port, config);
        Poll.until(
                "haproxy listening on " + port,
                Duration.ofSeconds(10),
                Duration.ofMillis(50),
                frontend::listening,
                up -> up || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException(
                    "haproxy exited with " + p.exitValue() + ": " + Files.readString(logDir.resolve("haproxy.log")));
        }
        return frontend;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private boolean listening() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
