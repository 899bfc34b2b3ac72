package dev.kiroscim.server.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

/**
 * TLS in the jar ({@code serve --tls-cert FILE --tls-key FILE}), for admins who do not terminate TLS at a load
 * balancer: TLS 1.3 and 1.2 only (1.0 and 1.1 are refused at the handshake), the JDK's default cipher suites for
 * those versions, no client certificates, and the certificate reloaded when its files change.
 */
public final class TlsSettings implements AutoCloseable {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final ReloadingKeyManager keys;
    private final SSLEngineConfigurator engine;

    private TlsSettings(ReloadingKeyManager keys, SSLEngineConfigurator engine) {
        this.keys = keys;
        this.engine = engine;
    }

    public static TlsSettings load(Path certFile, Path keyFile) throws IOException {
        ReloadingKeyManager keys = new ReloadingKeyManager(certFile, keyFile);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            String[] supported = context.getSupportedSSLParameters().getProtocols();
            String[] enabled = PROTOCOLS.stream()
                    .filter(p -> Arrays.asList(supported).contains(p))
                    .toArray(String[]::new);
            SSLEngineConfigurator engine =
                    new SSLEngineConfigurator(context, false, false, false).setEnabledProtocols(enabled);
            return new TlsSettings(keys.watch(), engine);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public SSLEngineConfigurator engine() {
        return engine;
    }

    public String describe() {
        return "TLS (" + String.join(", ", engine.getEnabledProtocols()) + "), certificate "
                + keys.leaf().getSubjectX500Principal().getName() + " valid until "
                + keys.leaf().getNotAfter().toInstant();
    }

    @Override
    public void close() {
        keys.close();
    }
}
