package dev.kiroscim.server.cli;

import dev.kiroscim.server.app.BridgeServer;
import dev.kiroscim.server.config.BridgeConfig;
import dev.kiroscim.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the SCIM server until SIGTERM/SIGINT, then stops gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the SCIM server.")
public final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "${env:KIRO_SCIM_PORT:-8080}",
            description = "TCP port (default 8080; env KIRO_SCIM_PORT).")
    int port;

    @Option(
            names = "--bind",
            defaultValue = "${env:KIRO_SCIM_BIND:-0.0.0.0}",
            description = "Address to listen on (default 0.0.0.0; env KIRO_SCIM_BIND).")
    String bind;

    @Option(
            names = "--config",
            defaultValue = "${env:KIRO_SCIM_CONFIG:-./kiro-scim.yaml}",
            description =
                    "Configuration file (default ./kiro-scim.yaml; a missing file means built-in defaults; env KIRO_SCIM_CONFIG).")
    Path config;

    @Option(
            names = "--tls-cert",
            defaultValue = "${env:KIRO_SCIM_TLS_CERT}",
            description =
                    "PEM certificate chain (leaf first) to serve HTTPS in the jar; reloaded when the file changes (env KIRO_SCIM_TLS_CERT). Needs --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            defaultValue = "${env:KIRO_SCIM_TLS_KEY}",
            description =
                    "PEM private key of --tls-cert: PKCS#8 or PKCS#1, RSA or EC, unencrypted (env KIRO_SCIM_TLS_KEY).")
    Path tlsKey;

    @Mixin
    DatabaseOptions database;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        BridgeConfig cfg = BridgeConfig.load(config);
        String bootstrap = System.getenv("KIRO_SCIM_BOOTSTRAP_TOKEN");
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException(
                    "--tls-cert and --tls-key go together (or neither, for TLS at the load balancer)");
        }
        TlsSettings tls = tlsCert == null ? null : TlsSettings.load(tlsCert, tlsKey);
        BridgeServer server = BridgeServer.start(bind, port, database.toConfig(), cfg, bootstrap, tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stop();
                            stopped.countDown();
                        },
                        "kiro-shutdown"));
        stopped.await();
        return 0;
    }
}
