package dev.kiroscim.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code hash = lower-case hex of SHA-256(UTF-8 bytes of (previousHash + canonicalJson))}. The chain starts
 * from {@link #GENESIS} (64 zeros).
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    public static String of(String previousHash, AuditEvent event) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update(event.canonicalJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
