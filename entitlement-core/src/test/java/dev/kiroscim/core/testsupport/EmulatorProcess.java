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
 * An emulator running as a child process (moto, the SCIM dialect emulator): output to a temporary log, a shutdown hook
 * as a backstop for {@link #close()}, and a readiness wait that also notices the process dying.
 *
 * <pre>{@code
 * int port = EmulatorProcess.freeLoopbackPort();
 * EmulatorProcess p = EmulatorProcess.start(List.of("python3", "emulator.py", "-p", "" + port), "my-emulator");
 * p.awaitReady(URI.create("http://127.0.0.1:" + port + "/ready"), Duration.ofSeconds(20));
 * }</pre>
 */
final class EmulatorProcess implements AutoCloseable {

    private static final long POLL_MILLIS = 50;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private EmulatorProcess(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static EmulatorProcess start(List<String> command, String name) throws IOException {
        Path log = Files.createTempFile(name + "-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new EmulatorProcess(process, log, name);
    }

    /** Polls {@code probe} until it answers 200; fails with the log when the process exits or time runs out. */
    void awaitReady(URI probe, Duration timeout) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping =
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
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
                throw new IllegalStateException(
                        "emulator exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
        }
        throw new IllegalStateException(
                "emulator not ready at " + probe + " within " + timeout + ":\n" + Files.readString(log));
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

    /** Whether {@code command} runs and exits 0 within 20 s (e.g. "can this python import moto?"). */
    static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException missing) {
            return false;
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
