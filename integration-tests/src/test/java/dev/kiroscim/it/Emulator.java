package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.MotoIdentityStoreServer;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.opentest4j.TestAbortedException;

/**
 * The moto Identity Store emulator for a test class: started once in {@code @BeforeAll}; when python3/moto is missing
 * the class's tests are skipped one by one through {@link #require()} (on {@code CI=true} the start itself fails,
 * see {@link dev.kiroscim.core.testsupport.ExternalComponent}).
 */
final class Emulator implements AutoCloseable {

    private final MotoIdentityStoreServer moto;
    private final TestAbortedException unavailable;

    private Emulator(MotoIdentityStoreServer moto, TestAbortedException unavailable) {
        this.moto = moto;
        this.unavailable = unavailable;
    }

    static Emulator start() throws java.io.IOException, InterruptedException {
        String script = System.getProperty("kiro.motoIdentityStoreScript", "emulator/moto_identitystore.py");
        try {
            return new Emulator(
                    MotoIdentityStoreServer.start(
                            Path.of(script).toAbsolutePath().normalize()),
                    null);
        } catch (TestAbortedException skipped) { // never on CI=true: ExternalComponent fails there instead
            return new Emulator(null, skipped);
        }
    }

    boolean running() {
        return moto != null;
    }

    /** Call from {@code @BeforeEach}: skips the test when the emulator could not start. */
    void require() {
        if (unavailable != null) {
            throw unavailable;
        }
    }

    URI endpoint() {
        return moto.endpoint();
    }

    /** A fresh identity store id ({@code d-} + 10 hex digits): moto isolates stores by id. */
    static String newStoreId() {
        return "d-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    }

    @Override
    public void close() {
        if (moto != null) {
            moto.close();
        }
    }
}
