package dev.kiroscim.core.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * What one webhook call gave.
 *
 * @param status     the HTTP status, or 0 when there was no answer (timeout, refused connection, SSRF refusal)
 * @param retryAfter the receiver's {@code Retry-After}, honoured as the earliest next attempt
 * @param permanent  retrying cannot help (the target is refused by the SSRF rules, or the secret is unreadable)
 */
public record DeliveryOutcome(
        boolean delivered, int status, String error, Optional<Duration> retryAfter, boolean permanent) {

    public static DeliveryOutcome ok(int status) {
        return new DeliveryOutcome(true, status, null, Optional.empty(), false);
    }

    public static DeliveryOutcome failed(int status, String error, Optional<Duration> retryAfter) {
        return new DeliveryOutcome(false, status, error, retryAfter, false);
    }

    public static DeliveryOutcome refused(String error) {
        return new DeliveryOutcome(false, 0, error, Optional.empty(), true);
    }
}
