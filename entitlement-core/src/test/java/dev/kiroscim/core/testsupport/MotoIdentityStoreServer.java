package dev.kiroscim.core.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Identity Store emulator ({@code integration-tests/emulator/moto_identitystore.py}) as a child process on a free
 * loopback port. {@link #start} checks the prerequisites through {@link ExternalComponent} (skip locally, fail on
 * CI), polls {@code GET /moto-api/} until it answers, and registers a shutdown hook as a backstop for
 * {@link #close()}.
 *
 * <pre>{@code
 * server = MotoIdentityStoreServer.start(Path.of(System.getProperty("kiro.motoIdentityStoreScript")));
 * URI endpoint = server.endpoint();      // http://127.0.0.1:<port>
 * server.close();
 * }</pre>
 */
public final class MotoIdentityStoreServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoIdentityStoreServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-moto-identitystore");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the emulator with {@code python3} (or the {@code kiro.python} system property). */
    public static MotoIdentityStoreServer start(Path script) throws IOException, InterruptedException {
        String python = System.getProperty("kiro.python", "python3");
        ExternalComponent.require("the emulator script", script != null && Files.isRegularFile(script),
                "expected integration-tests/emulator/moto_identitystore.py at " + script
                        + " (system property kiro.motoIdentityStoreScript)");
        ExternalComponent.require(python + " with moto >= 5.2 and flask", motoInstalled(python),
                "install moto[server] 5.2.x into the " + python + " on PATH");

        int port = freeLoopbackPort();
        Path log = Files.createTempFile("moto-identitystore-", ".log");
        Process process = new ProcessBuilder(List.of(python, script.toString(), "-H", "127.0.0.1",
                "-p", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoIdentityStoreServer server = new MotoIdentityStoreServer(process,
                URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to undo
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            // The pause between polls is also the check that the process is still alive.
            if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("emulator exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
        }
        throw new IllegalStateException("emulator not ready at " + endpoint + " within " + READY_TIMEOUT + ":\n"
                + Files.readString(log));
    }

    private static boolean motoInstalled(String python) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(python, "-c",
                    "import moto, flask; from moto.identitystore.models import IdentityStoreBackend; "
                            + "assert tuple(map(int, moto.__version__.split('.')[:2])) >= (5, 2)")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException noPython) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
