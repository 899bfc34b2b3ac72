package dev.kiroscim.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature header of every delivery: {@value #HEADER}{@code : sha256=<hex>}, where {@code <hex>} is the lower-case
 * hex HMAC-SHA256 of the exact body bytes with the endpoint's secret (the secret file's content, trailing newline
 * removed) as key. Example: secret {@code s3cret}, body {@code {}} gives
 * {@code sha256=} followed by the hex of {@code HMAC-SHA256("s3cret", "{}")}. Receivers recompute it over the raw body
 * and compare in constant time.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Kiro-Signature-256";
    /** Carries the CloudEvents id for formats that have no place for it (Slack). */
    public static final String EVENT_ID_HEADER = "X-Kiro-Event-Id";

    private WebhookSignature() {}

    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static boolean verify(byte[] secret, byte[] body, String header) {
        return header != null
                && MessageDigest.isEqual(
                        sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                        header.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
