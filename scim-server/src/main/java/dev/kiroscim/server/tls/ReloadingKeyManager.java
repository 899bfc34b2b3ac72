package dev.kiroscim.server.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one certificate, re-read when its files change: certificate rotation (certbot, cert-manager, a
 * CA's renewal) without a restart. Every {@link #CHECK_SECONDS} seconds the files' contents are hashed and
 * compared with the last load; on a change both are parsed again, and the next TLS handshake presents the new
 * chain (connections already open keep theirs). A pair that does not load (half-written, or a key that does not
 * match the certificate) is logged and ignored: the previous certificate stays in use and the check repeats.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager implements AutoCloseable {

    public static final int CHECK_SECONDS = 2;
    static final String ALIAS = "kiro-scim";
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

    private final Path certFile;
    private final Path keyFile;
    private volatile PemKeyMaterial material;
    private volatile String stamp;
    private ScheduledExecutorService watcher;

    /** Loads the pair now; a broken pair at start-up is an error (there is nothing to fall back to). */
    public ReloadingKeyManager(Path certFile, Path keyFile) throws IOException {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.stamp = stamp();
        this.material = PemKeyMaterial.read(certFile, keyFile);
    }

    public ReloadingKeyManager watch() {
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-tls-reload");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** @return true when a new certificate was loaded */
    public boolean reloadIfChanged() {
        String now;
        try {
            now = stamp();
        } catch (IOException e) {
            LOG.warn("TLS certificate files not readable, keeping the current certificate: {}", e.toString());
            return false;
        }
        if (now.equals(stamp)) {
            return false;
        }
        try {
            material = PemKeyMaterial.read(certFile, keyFile);
            stamp = now;
            LOG.info(
                    "TLS certificate reloaded from {}: {}, valid until {}",
                    certFile,
                    material.chain()[0].getSubjectX500Principal().getName(),
                    material.chain()[0].getNotAfter().toInstant());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "TLS certificate files changed but do not load yet, keeping the current certificate: {}",
                    e.getMessage());
            return false;
        }
    }

    public X509Certificate leaf() {
        return material.chain()[0];
    }

    /** SHA-256 of both files: a few KiB read every few seconds, and no reliance on modification-time granularity. */
    private String stamp() throws IOException {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(certFile));
            digest.update(Files.readAllBytes(keyFile));
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return material.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return material.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
