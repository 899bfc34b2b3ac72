package dev.kiroscim.server.seats;

import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.policy.PolicyLoader;
import dev.kiroscim.core.policy.PolicyProblem;
import dev.kiroscim.core.seats.PolicyInForce;
import dev.kiroscim.core.seats.StoredPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the entitlement policy from the server's config file ({@code kiro-scim.yaml}).
 *
 * <p>The policy is the file's {@code tiers:} and {@code pools:}. Without a file, or with a file that has neither
 * key (only {@code scim:}, {@code audit:} …), the built-in default applies. A file with either key must hold a
 * complete, valid policy: {@link PolicyException} lists every problem as {@code FILE:LINE: message}.
 */
public final class PolicyFile {

    private static final Pattern POLICY_KEY = Pattern.compile("(?m)^(tiers|pools)\\s*:");

    private PolicyFile() {
    }

    /** What the file asks for; {@code file} may be null or missing. */
    public static PolicyInForce load(Path file) throws PolicyException {
        return loadForCluster(file, "", Instant.EPOCH).policy();
    }

    /** A file's policy and its text as the cluster stores it, read from one read of the file. */
    public record Loaded(PolicyInForce policy, StoredPolicy stored) {
    }

    /**
     * Like {@link #load}, keeping the text for the database ({@code storedBy}: who applies it). The built-in default
     * is stored as empty text with source {@code built-in}.
     */
    public static Loaded loadForCluster(Path file, String storedBy, Instant at) throws PolicyException {
        if (file == null || !Files.exists(file)) {
            return builtIn(storedBy, at);
        }
        byte[] bytes = read(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!POLICY_KEY.matcher(text).find()) {
            return builtIn(storedBy, at);
        }
        return parsed(file, bytes, storedBy, at);
    }

    /** {@code policy apply FILE}: the file must exist and hold a policy. */
    public static Loaded checkForCluster(Path file, String storedBy, Instant at) throws PolicyException {
        return parsed(file, read(file), storedBy, at);
    }

    private static Loaded parsed(Path file, byte[] bytes, String storedBy, Instant at) throws PolicyException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String sha = sha256(bytes);
        return new Loaded(new PolicyInForce(PolicyLoader.parse(text, file.toString()), file.toString(), sha),
                new StoredPolicy(sha, file.toString(), text, at, storedBy));
    }

    private static Loaded builtIn(String storedBy, Instant at) {
        return new Loaded(PolicyInForce.builtInDefault(), new StoredPolicy("", PolicyInForce.BUILT_IN, "", at, storedBy));
    }

    /** For {@code policy check FILE}: the file must exist and hold a policy. */
    public static PolicyInForce check(Path file) throws PolicyException {
        return checkForCluster(file, "", Instant.EPOCH).policy();
    }

    /** Hex SHA-256 of the file as it is now, or {@code ""} when it cannot be read; for {@code policy.rejected}. */
    public static String contentSha256(Path file) {
        try {
            return file == null || !Files.exists(file) ? "" : sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] read(Path file) throws PolicyException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(String.valueOf(file), List.of(new PolicyProblem(1, "cannot read the file: " + e)));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
