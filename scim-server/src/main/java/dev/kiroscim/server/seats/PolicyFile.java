package dev.kiroscim.server.seats;

import dev.kiroscim.core.policy.PolicyException;
import dev.kiroscim.core.policy.PolicyLoader;
import dev.kiroscim.core.policy.PolicyProblem;
import dev.kiroscim.core.seats.PolicyInForce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        if (file == null || !Files.exists(file)) {
            return PolicyInForce.builtInDefault();
        }
        byte[] bytes = read(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!POLICY_KEY.matcher(text).find()) {
            return PolicyInForce.builtInDefault();
        }
        return new PolicyInForce(PolicyLoader.parse(text, file.toString()), file.toString(), sha256(bytes));
    }

    /** For {@code policy check FILE}: the file must exist and hold a policy. */
    public static PolicyInForce check(Path file) throws PolicyException {
        byte[] bytes = read(file);
        return new PolicyInForce(PolicyLoader.parse(new String(bytes, StandardCharsets.UTF_8), file.toString()),
                file.toString(), sha256(bytes));
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
