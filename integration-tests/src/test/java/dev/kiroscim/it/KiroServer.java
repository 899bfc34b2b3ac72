package dev.kiroscim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real {@code kiro-scim-bridge.jar} running as a child process on a free loopback port.
 *
 * <p>Black box on purpose: the tests see only what Okta or Entra would see (HTTP), plus the process's exit and
 * its log. Output goes to {@code target/it-logs/<name>.log}; a start that fails quotes the tail of that log.
 *
 * <pre>{@code
 * try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2))) {
 *     // server.scimUri() = http://127.0.0.1:41234/scim/v2, server.token() = the bootstrap bearer token
 * }
 * }</pre>
 */
public final class KiroServer implements AutoCloseable {

    /** Generous: on a loaded 2-core CI machine a start (JIT, Flyway, Hibernate, recovering a killed H2 file) has taken
     * more than 30 s; {@code -Dkiro.it.startTimeoutSeconds} overrides it. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("kiro.it.startTimeoutSeconds", 90));

    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    static {
        // Backstop: a test JVM that dies mid-run (or a forgotten close) must not leave servers holding ports/files.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kiro-it-reaper"));
    }

    private final ServerOptions options;
    private final String name;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final Path logFile;
    private final Path configFile;
    private final Postgres postgres;
    private final String token;
    private Process process;
    private int port;

    private KiroServer(ServerOptions options) throws IOException {
        this.options = options;
        this.name = options.backend().name().toLowerCase() + "-" + COUNTER.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        this.ownsDataDir = options.dataDir() == null;
        this.dataDir = ownsDataDir ? Files.createTempDirectory("kiro-it-data-") : options.dataDir();
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        this.logFile = logs.resolve(name + ".log").toAbsolutePath();
        if (options.configYaml() != null) {
            configFile = Files.createTempFile("kiro-it-config-", ".yaml");
            Files.writeString(configFile, options.configYaml());
        } else {
            configFile = options.configPath();
        }
        this.token = options.bootstrapToken() ? randomToken() : null;
        Postgres database = null;
        if (options.backend() == Backend.POSTGRES) {
            database = Postgres.createFreshDatabase();
        }
        this.postgres = database;
    }

    /** Starts a server on H2 or PostgreSQL with a fresh data dir and a bootstrap token. */
    public static KiroServer start(Backend backend) {
        return start(ServerOptions.on(backend));
    }

    public static KiroServer start(ServerOptions options) {
        if (options.backend() == Backend.POSTGRES) {
            ExternalComponent.requirePostgres(); // skip (or fail on CI) before creating anything
        }
        KiroServer server;
        try {
            server = new KiroServer(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.launch();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** The jar under test, from system property {@code kiro.jar}. */
    public static Path jar() {
        String configured = System.getProperty("kiro.jar", "../scim-server/target/kiro-scim-bridge.jar");
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Server jar not found at " + jar
                    + " (system property kiro.jar). Build it first: mvn -q -B -pl scim-server -am -DskipTests package");
        }
        return jar;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public URI baseUri() {
        return URI.create(scheme() + "://127.0.0.1:" + port);
    }

    public URI scimUri() {
        return URI.create(scheme() + "://127.0.0.1:" + port + "/scim/v2");
    }

    /** {@code https} when the server was started with {@code --tls-cert} (in-jar TLS), else {@code http}. */
    private String scheme() {
        return options.extraArgs().contains("--tls-cert") ? "https" : "http";
    }

    public int port() {
        return port;
    }

    /** The bootstrap token (every scope; Basic-auth user name {@code bootstrap}). */
    public String token() {
        if (token == null) {
            throw new IllegalStateException("server " + name + " was started without a bootstrap token");
        }
        return token;
    }

    public Backend backend() {
        return options.backend();
    }

    /** A plain JDBC connection to this server's database (H2: only while the server is stopped; it holds the file). */
    public java.sql.Connection connectToDatabase() throws java.sql.SQLException {
        if (postgres != null) {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", postgres.user());
            return java.sql.DriverManager.getConnection(postgres.jdbcUrl(), props);
        }
        return java.sql.DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("kiro-scim")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa",
                "");
    }

    /** The {@code --data-dir} or {@code --db-url/--db-user} arguments a CLI command needs to reach this server's data. */
    public List<String> databaseArgs() {
        return postgres != null
                ? List.of("--db-url", postgres.jdbcUrl(), "--db-user", postgres.user())
                : List.of("--data-dir", dataDir.toString());
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** The server's process id (for measuring it, e.g. its peak RSS). */
    public long pid() {
        return requireProcess().pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops gracefully and starts again on the same data dir / database, to prove what was written is durable. */
    public void restart() {
        stop();
        launch();
    }

    /** Sends SIGTERM (what {@code Process.destroy()} does on Unix) and returns at once. */
    public void sigterm() {
        requireProcess().destroy();
    }

    /** Waits for the process to exit on its own; fails with the log tail if it has not exited in time. */
    public int awaitExit(Duration timeout) {
        Process p = requireProcess();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server " + name + " did not exit within " + timeout + "\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LIVE.remove(p);
        return p.exitValue();
    }

    /** Exit status of a JVM killed by SIGKILL: 128 + 9. */
    public static final int SIGKILL_EXIT_STATUS = 137;

    /**
     * {@code kill -9}: SIGKILL, which the process cannot catch, so no shutdown hook, no graceful close and no last
     * write of the database run (on Unix {@link Process#destroyForcibly()} sends SIGKILL). Returns once the process is
     * gone, with its exit status; fails unless it is {@link #SIGKILL_EXIT_STATUS}, i.e. unless it really died of SIGKILL.
     * {@link #startAgain()} starts it again on the same data dir / database.
     */
    public int kill() {
        Process p = requireProcess();
        p.destroyForcibly();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server " + name + " still alive " + STOP_TIMEOUT + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LIVE.remove(p);
        }
        process = null;
        appendToLog("=== " + Instant.now() + " killed with SIGKILL (exit status " + p.exitValue() + ")\n");
        if (p.exitValue() != SIGKILL_EXIT_STATUS) {
            throw new AssertionError("server " + name + " exited with " + p.exitValue() + ", not " + SIGKILL_EXIT_STATUS
                    + " (SIGKILL); it was not killed by kill -9\n" + logTail());
        }
        return p.exitValue();
    }

    /** Graceful stop (SIGTERM), then SIGKILL if it takes longer than {@link #STOP_TIMEOUT}. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } finally {
            LIVE.remove(p);
            process = null;
        }
    }

    /** Starts the process again after {@link #stop()} or {@link #awaitExit}, on the same data dir. */
    public void startAgain() {
        if (isRunning()) {
            throw new IllegalStateException("server " + name + " is still running");
        }
        launch();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
            if (configFile != null && options.configYaml() != null) {
                deleteRecursively(configFile);
            }
        }
    }

    /** The last lines of the server log, for failure messages. */
    public String logTail() {
        return "--- last lines of " + logFile + " ---\n" + tail(logFile, 60);
    }

    @Override
    public String toString() {
        return "KiroServer[" + name + ", " + (port == 0 ? "not started" : baseUri()) + ", log " + logFile + "]";
    }

    private void launch() {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx512m",
                "-jar",
                jar().toString(),
                "serve",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString()));
        if (configFile != null) {
            command.addAll(List.of("--config", configFile.toString()));
        }
        if (postgres != null) {
            command.addAll(List.of("--db-url", postgres.jdbcUrl(), "--db-user", postgres.user()));
        }
        command.addAll(options.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // A developer's own KIRO_SCIM_* settings must not change what the tests start.
        builder.environment().keySet().removeIf(key -> key.startsWith("KIRO_SCIM_"));
        if (token != null) {
            builder.environment().put("KIRO_SCIM_BOOTSTRAP_TOKEN", token);
        }
        builder.environment().putAll(options.environment());
        appendToLog("=== " + Instant.now() + " starting: " + String.join(" ", command) + "\n");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        LIVE.add(process);
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpRequest healthz = HttpRequest.newBuilder(baseUri().resolve("/healthz"))
                .timeout(Duration.ofSeconds(1))
                .GET()
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = (scheme().equals("https") ? TrustAnyCertificate.HTTP_CLIENT : PROBE)
                        .send(healthz, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "GET /healthz answered " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                lastProblem = "GET /healthz: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // Waiting on the process doubles as the poll interval and notices a crash at once.
            if (waitForExit(Duration.ofMillis(100))) {
                LIVE.remove(process);
                throw new AssertionError("server " + name + " exited with code " + process.exitValue()
                        + " before /healthz answered 200\n" + logTail());
            }
        }
        stop();
        throw new AssertionError(
                "server " + name + " not healthy within " + START_TIMEOUT + " (" + lastProblem + ")\n" + logTail());
    }

    private boolean waitForExit(Duration duration) {
        try {
            return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException("server " + name + " is not running");
        }
        return process;
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(
                    logFile,
                    line,
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp dir must not fail a test.
        }
    }
}
