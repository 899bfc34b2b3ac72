package dev.kiroscim.core.usage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One report file in a {@link ReportSource}.
 *
 * @param key         the S3 key or the path relative to the report directory; identifies the file
 * @param fingerprint what changes when the content changes: the S3 ETag, or the SHA-256 of a local file
 * @param day         the activity day from the key ({@code …/2026/07/10/00/…})
 */
public record ReportObject(String key, String fingerprint, LocalDate day) {
    public ReportObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(day, "day");
    }
}
