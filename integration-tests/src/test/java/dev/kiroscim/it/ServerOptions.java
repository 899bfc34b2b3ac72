package dev.kiroscim.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one {@link KiroServer}.
 *
 * @param backend     H2 (default) or PostgreSQL
 * @param configYaml  contents of a {@code --config} file, or {@code null} for no {@code --config} flag
 * @param configPath  a {@code --config} path to pass as is (e.g. one that does not exist), or {@code null}
 * @param dataDir     an existing data dir the caller owns (e.g. prepared with the token CLI), or {@code null} for a
 *                    fresh temp dir the server deletes on close
 * @param bootstrapToken whether to set {@code KIRO_SCIM_BOOTSTRAP_TOKEN}
 * @param extraArgs   more {@code serve} arguments
 * @param environment more environment variables for the server process (e.g. AWS credentials for the SDK's default chain)
 */
public record ServerOptions(
        Backend backend,
        String configYaml,
        Path configPath,
        Path dataDir,
        boolean bootstrapToken,
        List<String> extraArgs,
        Map<String, String> environment) {

    public ServerOptions {
        extraArgs = List.copyOf(extraArgs);
        environment = Map.copyOf(environment);
    }

    public static ServerOptions on(Backend backend) {
        return new ServerOptions(backend, null, null, null, true, List.of(), Map.of());
    }

    public ServerOptions withConfigYaml(String yaml) {
        return new ServerOptions(backend, yaml, null, dataDir, bootstrapToken, extraArgs, environment);
    }

    public ServerOptions withConfigPath(Path path) {
        return new ServerOptions(backend, null, path, dataDir, bootstrapToken, extraArgs, environment);
    }

    public ServerOptions withDataDir(Path dir) {
        return new ServerOptions(backend, configYaml, configPath, dir, bootstrapToken, extraArgs, environment);
    }

    public ServerOptions withoutBootstrapToken() {
        return new ServerOptions(backend, configYaml, configPath, dataDir, false, extraArgs, environment);
    }

    public ServerOptions withArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new ServerOptions(backend, configYaml, configPath, dataDir, bootstrapToken, all, environment);
    }

    /** Adds an environment variable to the server process. */
    public ServerOptions withEnv(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put(name, value);
        return new ServerOptions(backend, configYaml, configPath, dataDir, bootstrapToken, extraArgs, all);
    }

    /**
     * Static AWS credentials for a server that talks to the local Identity Store emulator (the SDK's default chain
     * reads them from the environment; the emulator accepts any), and no EC2 metadata lookups.
     */
    public ServerOptions withStaticAwsCredentials() {
        return withEnv("AWS_ACCESS_KEY_ID", "testing")
                .withEnv("AWS_SECRET_ACCESS_KEY", "testing")
                .withEnv("AWS_EC2_METADATA_DISABLED", "true");
    }
}
