package dev.kiroscim.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private final EmulatorProcess process;
    private final URI root;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ScimEmulatorServer(EmulatorProcess process, URI root) {
        this.process = process;
        this.root = root;
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
                .toAbsolutePath()
                .normalize();
    }

    public static ScimEmulatorServer start(Path script, String token) throws IOException, InterruptedException {
        String python = System.getProperty("kiro.python", "python3");
        ExternalComponent.require(
                "the SCIM emulator script",
                script != null && Files.isRegularFile(script),
                "expected integration-tests/emulator/idc_scim.py at " + script
                        + " (system property kiro.scimEmulatorScript)");
        ExternalComponent.require(
                python,
                EmulatorProcess.succeeds(List.of(python, "-c", "import http.server, json")),
                "install python3 (the emulator needs only its standard library)");
        int port = EmulatorProcess.freeLoopbackPort();
        EmulatorProcess process = EmulatorProcess.start(
                List.of(python, script.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port), "--token", token),
                "idc-scim-emulator");
        ScimEmulatorServer server = new ScimEmulatorServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            process.awaitReady(server.root.resolve("/_emulator/state"), READY_TIMEOUT);
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

    /**
     * A SCIM request with {@code token}, as another tool (or an admin in the console) would send it behind the
     * bridge's back. @return the HTTP status
     */
    public int scimRequest(String method, String path, String jsonBody, String token) {
        return send(method, URI.create(scimBase() + path), jsonBody, token).statusCode();
    }

    private JsonNode control(String method, String path, Object body) {
        try {
            HttpResponse<String> response = send(
                    method,
                    root.resolve("/_emulator" + path),
                    body == null ? null : JSON.writeValueAsString(body),
                    null);
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("emulator control " + method + " " + path + ": " + response.statusCode()
                        + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, URI uri, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
