package dev.kiroscim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the real jar in a cluster test: a fixed loopback port (the load balancer's config names it), a
 * shared config file and database, its own AWS access key id (so the {@link IdentityStoreTap} knows who called), and
 * the faults the chaos tests need: {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, restart on the same port.
 */
final class ClusterReplica implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final int index;
    private final int port;
    private final Path config;
    private final List<String> databaseArgs;
    private final String token;
    private final Path log;
    private Process process;

    ClusterReplica(int index, int port, Path config, List<String> databaseArgs, String token, Path log) {
        this.index = index;
        this.port = port;
        this.config = config;
        this.databaseArgs = databaseArgs;
        this.token = token;
        this.log = log;
    }

    int index() {
        return index;
    }

    int port() {
        return port;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts the process (returns at once; see {@link #awaitReady}). */
    void start() {
        List<String> command = new ArrayList<>(List.of(
                KiroServer.javaExecutable(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                KiroServer.jar().toString(),
                "serve",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--config",
                config.toString(),
                "--db-pool-size",
                "8"));
        command.addAll(databaseArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("KIRO_SCIM_") || key.startsWith("AWS_"));
        builder.environment().put("KIRO_SCIM_BOOTSTRAP_TOKEN", token);
        builder.environment().put("AWS_ACCESS_KEY_ID", IdentityStoreTap.accessKeyOf(index));
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        try {
            Files.writeString(
                    log,
                    "=== " + Instant.now() + " starting replica " + index + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code /readyz} answers 200. */
    void awaitReady(Duration timeout) {
        Poll.until(
                "replica " + index + " ready (log " + log + ")",
                timeout,
                Duration.ofMillis(200),
                this::readyStatus,
                s -> s == 200 || !running());
        if (!running()) {
            throw new AssertionError("replica " + index + " exited with " + process.exitValue() + "; log " + log);
        }
    }

    private int readyStatus() {
        try {
            return PROBE.send(
                            HttpRequest.newBuilder(baseUri().resolve("/readyz"))
                                    .timeout(Duration.ofSeconds(1))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop, leases and claims left behind. */
    void kill9() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void sigstop() {
        signal("STOP");
    }

    void sigcont() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Graceful stop (SIGTERM), then SIGKILL after 30 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            sigcont(); // a stopped process cannot handle SIGTERM
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
