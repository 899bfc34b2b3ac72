package dev.kiroscim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a one-shot command of the jar, e.g. {@code token create --name okta --scope scim --data-dir D}.
 */
public final class KiroCli {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private KiroCli() {}

    /** What a CLI run printed. {@link #lastLine()} is where {@code token create} prints the raw token. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public String lastLine() {
            String[] lines = stdout.strip().split("\\R");
            return lines[lines.length - 1].strip();
        }

        /** Describes the run without echoing stdout, which may hold a secret. */
        public String describe() {
            return "`" + String.join(" ", command) + "` exited " + exitCode + "; stderr:\n" + stderr;
        }
    }

    public static Result run(String... args) {
        return run(TIMEOUT, args);
    }

    /** With a longer timeout, e.g. {@code audit verify} over a large chain on a busy machine. */
    public static Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(
                KiroServer.javaExecutable(),
                "-Xmx256m",
                "-jar",
                KiroServer.jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("KIRO_SCIM_"));
        try {
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout);
            }
            return new Result(command, process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code token create --name NAME --scope SCOPE --data-dir DIR}; returns the raw token (last stdout line). */
    public static String createToken(Path dataDir, String name, String scope) {
        Result result = run("token", "create", "--name", name, "--scope", scope, "--data-dir", dataDir.toString());
        if (result.exitCode() != 0 || result.stdout().isBlank()) {
            throw new AssertionError("token create failed: " + result.describe());
        }
        return result.lastLine();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
