package dev.kiroscim.core.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    private final EmulatorProcess process;
    private final URI endpoint;

    private MotoIdentityStoreServer(EmulatorProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the emulator with {@code python3} (or the {@code kiro.python} system property). */
    public static MotoIdentityStoreServer start(Path script) throws IOException, InterruptedException {
        String python = System.getProperty("kiro.python", "python3");
        ExternalComponent.require(
                "the emulator script",
                script != null && Files.isRegularFile(script),
                "expected integration-tests/emulator/moto_identitystore.py at " + script
                        + " (system property kiro.motoIdentityStoreScript)");
        ExternalComponent.require(
                python + " with moto >= 5.2 and flask",
                EmulatorProcess.succeeds(List.of(
                        python,
                        "-c",
                        "import moto, flask; from moto.identitystore.models import IdentityStoreBackend; "
                                + "assert tuple(map(int, moto.__version__.split('.')[:2])) >= (5, 2)")),
                "install moto[server] 5.2.x into the " + python + " on PATH");

        int port = EmulatorProcess.freeLoopbackPort();
        EmulatorProcess process = EmulatorProcess.start(
                List.of(python, script.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
                "moto-identitystore");
        MotoIdentityStoreServer server = new MotoIdentityStoreServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            process.awaitReady(server.endpoint.resolve("/moto-api/"), READY_TIMEOUT);
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
        process.close();
    }
}
