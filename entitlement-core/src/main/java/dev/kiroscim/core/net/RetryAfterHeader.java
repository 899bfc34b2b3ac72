package dev.kiroscim.core.net;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP {@code Retry-After} value (RFC 9110 §10.2.3): delay seconds ({@code 120}) or an HTTP date
 * ({@code Tue, 01 Dec 2026 09:01:30 GMT}). Both forms are in use: a webhook receiver and a SCIM endpoint behind a
 * gateway may send either, and a date that is ignored would retry sooner than the server asked.
 */
public final class RetryAfterHeader {

    private RetryAfterHeader() {}

    /** How long to wait from {@code now}; zero for a date in the past, empty when absent or unreadable. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
