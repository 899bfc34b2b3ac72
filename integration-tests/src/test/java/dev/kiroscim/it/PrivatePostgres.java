package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.ExternalComponent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL 15 cluster that a test may stop, restart and break, unlike the machine's shared server at
 * 127.0.0.1:5432, which other tests use at the same time and which no test may ever stop.
 *
 * <p>{@link #create()} runs {@code initdb} into a temp dir (trust auth, superuser {@code postgres}), then
 * {@code pg_ctl start} ({@link #start()}) on a free loopback port with its socket in that dir. The server processes run as the OS user
 * {@code postgres} ({@code runuser -u postgres --} when the tests run as root; directly when they run as
 * {@code postgres}), because PostgreSQL refuses to run as root. {@link #close()} stops it ({@code -m immediate} if a
 * fast stop fails) and deletes the dir; a JVM shutdown hook does the same if a test forgets. Binaries come from
 * {@code /usr/lib/postgresql/15/bin}, or {@code -Dkiro.postgresBin=DIR}. Missing binaries, user or {@code runuser}
 * skip the test with a message, and fail it under {@code CI=true} ({@link ExternalComponent}).
 *
 * <pre>{@code
 * try (PrivatePostgres pg = PrivatePostgres.create()) {   // initdb + start
 *     pg.createDatabase("kiro");
 *     String url = pg.jdbcUrl("kiro");       // jdbc:postgresql://127.0.0.1:<port>/kiro, user pg.user(), no password
 *     pg.stop();                             // fast shutdown: sessions end with 57P01, new connections are refused
 *     pg.start();                            // same port, same data
 *     pg.restart();                          // stop() + start()
 *     pg.stopImmediately();                  // a crash: no shutdown checkpoint, WAL replay at the next start
 * }
 * }</pre>
 */
public final class PrivatePostgres implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path root;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean asRoot;
    private final Thread reaper;
    private boolean running;
    private boolean closed;

    private PrivatePostgres(Path bin, Path root, int port, boolean asRoot) {
        this.bin = bin;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.logFile = root.resolve("postgres.log");
        this.port = port;
        this.asRoot = asRoot;
        this.reaper = new Thread(this::stopQuietlyAndDelete, "private-postgres-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Creates and starts a fresh cluster on a free port; skips (or fails on CI) when PostgreSQL 15 is not installed. */
    public static PrivatePostgres create() {
        Path bin = Path.of(System.getProperty("kiro.postgresBin", "/usr/lib/postgresql/15/bin"));
        String me = System.getProperty("user.name");
        boolean asRoot = "root".equals(me);
        boolean binaries = Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
        boolean runuser = !asRoot
                || Files.isExecutable(Path.of("/usr/sbin/runuser"))
                || Files.isExecutable(Path.of("/sbin/runuser"));
        ExternalComponent.require(
                "a private PostgreSQL 15 cluster (initdb and pg_ctl in " + bin + ", run as OS user postgres)",
                binaries && runuser && (asRoot || USER.equals(me)) && postgresUser() != null,
                "install postgresql-15 (Debian) or set -Dkiro.postgresBin; the tests must run as root (with runuser) or as postgres");
        PrivatePostgres pg;
        try {
            Path root = Files.createTempDirectory("kiro-private-pg-");
            if (asRoot) {
                Files.setOwner(root, postgresUser());
            }
            pg = new PrivatePostgres(bin, root, KiroServer.freePort(), asRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            pg.run(
                    "initdb",
                    "-D",
                    pg.dataDir.toString(),
                    "-U",
                    USER,
                    "--auth=trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C");
            pg.start();
            return pg;
        } catch (RuntimeException | Error e) {
            pg.close();
            throw e;
        }
    }

    /** Starts the stopped cluster again, on the same port, and waits until it accepts connections. */
    public synchronized void start() {
        if (running) {
            return;
        }
        run(
                "pg_ctl",
                "-D",
                dataDir.toString(),
                "-l",
                logFile.toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1",
                "start");
        running = true;
    }

    /** Fast shutdown ({@code pg_ctl stop -m fast}): open sessions end (57P01), open transactions roll back. */
    public synchronized void stop() {
        if (running) {
            run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-m", "fast", "stop");
            running = false;
        }
    }

    /** Immediate shutdown ({@code -m immediate}), like a crash of the database server: recovery replays WAL at start. */
    public synchronized void stopImmediately() {
        if (running) {
            run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "60", "-m", "immediate", "stop");
            running = false;
        }
    }

    /** {@link #stop()} then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}; user {@link #user()}, no password (trust). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database (a lower-case SQL identifier). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names here are plain lower-case identifiers: " + name);
        }
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed on the private cluster", e);
        }
    }

    /** A JDBC connection as {@link #user()} with short time-outs. */
    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** The server log (kept under {@code target/it-logs} after {@link #close()}). */
    public Path logFile() {
        return logFile;
    }

    /** Stops the cluster (immediately if a fast stop fails) and deletes its files; the log is copied to target/it-logs. */
    @Override
    public void close() {
        stopQuietlyAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to undo
        }
    }

    private synchronized void stopQuietlyAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (RuntimeException fastStopFailed) {
            try {
                run("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "30", "-m", "immediate", "stop");
            } catch (RuntimeException ignored) {
                // nothing more to try; the directory is deleted anyway
            }
        }
        running = false;
        try {
            if (Files.isRegularFile(logFile)) {
                Path logs = Files.createDirectories(Path.of("target", "it-logs"));
                Files.copy(
                        logFile,
                        logs.resolve("private-postgres-" + port + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ignored) {
            // the log is a convenience
        }
        KiroServer.deleteRecursively(root);
    }

    /** Runs a PostgreSQL binary as the OS user postgres; fails with its output when it exits non-zero. */
    private void run(String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(binary).toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("kiro-private-pg-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(
                            String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                            + Files.readString(output, StandardCharsets.UTF_8) + "\n--- server log ---\n"
                            + (Files.isReadable(logFile) ? KiroServer.tail(logFile, 30) : "(none)"));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UserPrincipal postgresUser() {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
