package dev.kiroscim.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emulator of IAM Identity Center's SCIM dialect ({@code integration-tests/emulator/idc_scim.py}, Python 3
 * standard library only) as a child process on a free loopback port, with its control endpoint wrapped:
 * {@link #faults}, {@link #acceptTokens}, {@link #reset}, {@link #state}. {@link #start} skips the test when python3 is
 * missing, and fails under {@code CI=true} ({@link ExternalComponent}).
 *
 * <pre>{@code
 * try (ScimEmulatorServer scim = ScimEmulatorServer.start(ScimEmulatorServer.defaultScript(), "token-1")) {
 *     URI base = scim.scimBase();                         // http://127.0.0.1:<port>/scim/v2
 *     scim.faults(Map.of("throttle", 1, "retryAfter", 2));
 * }
 * }</pre>
 */
public final class ScimEmulatorServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI root;
    private final Path log;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ScimEmulatorServer(Process process, URI root, Path log) {
        this.process = process;
        this.root = root;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-idc-scim-emulator");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The script from the {@code kiro.scimEmulatorScript} system property, else found from the module directory
     * (tests run in {@code <module>/}, the script lives in {@code integration-tests/emulator/}).
     */
    public static Path defaultScript() {
        String configured = System.getProperty("kiro.scimEmulatorScript");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("emulator/idc_scim.py");
        return (Files.isRegularFile(here) ? here : Path.of("../integration-tests/emulator/idc_scim.py"))
                .toAbsolutePath().normalize();
    }

    public static ScimEmulatorServer start(Path script, String token) throws IOException, InterruptedException {
        String python = System.getProperty("kiro.python", "python3");
        ExternalComponent.require("the SCIM emulator script", script != null && Files.isRegularFile(script),
                "expected integration-tests/emulator/idc_scim.py at " + script + " (system property kiro.scimEmulatorScript)");
        ExternalComponent.require(python, pythonRuns(python), "install python3 (the emulator needs only its standard library)");
        int port = freeLoopbackPort();
        Path log = Files.createTempFile("idc-scim-emulator-", ".log");
        Process process = new ProcessBuilder(List.of(python, script.toString(), "-H", "127.0.0.1",
                "-p", Integer.toString(port), "--token", token))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ScimEmulatorServer server = new ScimEmulatorServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The SCIM base URL, as {@code identityCenter.scimEndpoint} takes it. */
    public URI scimBase() {
        return root.resolve("/scim/v2");
    }

    /** Replaces the fault counters (see the emulator's docstring), e.g. {@code {"error": 2, "methods": ["PATCH"]}}. */
    public void faults(Map<String, ?> faults) {
        control("POST", "/faults", faults);
    }

    /** Replaces the accepted bearer tokens; an empty list invalidates all. */
    public void acceptTokens(String... tokens) {
        control("POST", "/tokens", Map.of("valid", List.of(tokens)));
    }

    /** Forgets users, groups, faults and the request log. */
    public void reset() {
        control("POST", "/reset", Map.of());
    }

    /** {@code {"users": [...], "groups": [{..., "members": [ids]}], "requests": [{method, path, status, memberChanges}]}} */
    public JsonNode state() {
        return control("GET", "/state", null);
    }

    private JsonNode control(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve("/_emulator" + path)).timeout(Duration.ofSeconds(10));
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator control " + method + " " + path + ": " + response.statusCode()
                        + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
            // the hook is running already
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpRequest ping = HttpRequest.newBuilder(root.resolve("/_emulator/state")).timeout(Duration.ofSeconds(1)).build();
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            if (process.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("SCIM emulator exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
        }
        throw new IllegalStateException("SCIM emulator not ready at " + root + " within " + READY_TIMEOUT + ":\n"
                + Files.readString(log));
    }

    private static boolean pythonRuns(String python) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(python, "-c", "import http.server, json")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(20, TimeUnit.SECONDS)) {
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
