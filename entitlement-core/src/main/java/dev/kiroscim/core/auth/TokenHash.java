package dev.kiroscim.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets and their hashes. Secrets are 32 random bytes (256 bits), so an unsalted SHA-256 is enough:
 * nobody can brute-force a 256-bit preimage, and a fast hash keeps per-request authentication cheap. (A slow
 * password hash such as bcrypt protects low-entropy human passwords; these are not.)
 */
public final class TokenHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {}

    /** A new secret: {@code kiro_} followed by 43 URL-safe base64 characters. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "kiro_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256 of the secret. */
    public static String of(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean matches(String hashA, String hashB) {
        return MessageDigest.isEqual(
                hashA.getBytes(StandardCharsets.US_ASCII), hashB.getBytes(StandardCharsets.US_ASCII));
    }
}
