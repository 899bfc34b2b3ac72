package dev.kiroscim.adapter.scim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The downstream SCIM bearer token, read from a file and re-read whenever the file changes, so a rotated token is
 * picked up without a restart.
 *
 * <p>Identity Center allows two active SCIM tokens, each valid for one year: an operator creates the second token,
 * writes it to the file (atomically: write a temporary file and rename it), and only then deletes the first. When the
 * downstream answers 401, {@link #refused(String)} remembers a SHA-256 of that token (never the token itself) and
 * {@link #pausedBecause()} reports the pause until the file holds a different token, or is written again (or only
 * touched) after the refusal: a 401 that came from elsewhere (a proxy, an outage of the endpoint) is then retried with
 * the same token, without a restart; the file stays the one place that decides, for every replica that reads it.
 *
 * <pre>{@code
 * ScimToken token = new ScimToken(Path.of("/run/secrets/idc-scim-token"), Clock.systemUTC());
 * String bearer = token.current();          // reads the file, or returns the cached value if unchanged
 * token.refused(bearer);                    // 401: pausedBecause() is now present
 * // ... operator writes a new token to the file ...
 * token.pausedBecause();                    // empty again: the new token is read and not known to be refused
 * }</pre>
 */
public final class ScimToken {

    private final Path file;
    private final Clock clock;
    private String value;
    private FileTime readModified;
    private long readSize = -1;
    private String refusedHash;
    private Instant refusedAt;
    /** The file's modification time when the token was refused: writing or touching the file afterwards resumes. */
    private FileTime refusedModified;

    public ScimToken(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file() {
        return file;
    }

    /**
     * The token to send: the file's content without surrounding whitespace, read again when its modification time or
     * size changed since the last read.
     *
     * @throws IllegalStateException when the file is missing, unreadable or empty (the message names the file)
     */
    public synchronized String current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (value == null || !modified.equals(readModified) || size != readSize) {
                String read = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (read.isEmpty()) {
                    throw new IllegalStateException("the SCIM token file " + file + " is empty");
                }
                value = read;
                readModified = modified;
                readSize = size;
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the SCIM token file " + file + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    /** The downstream answered 401 to {@code token}: pause until the file holds another one. */
    public synchronized void refused(String token) {
        refusedHash = sha256(token);
        refusedAt = clock.instant();
        refusedModified = readModified;
    }

    /**
     * Why the sync must not send now, or empty. Re-reads the file if it changed, so a new token ends the pause at once.
     * A file that cannot be read is a reason too.
     */
    public synchronized Optional<String> pausedBecause() {
        String token;
        try {
            token = current();
        } catch (IllegalStateException unreadable) {
            return Optional.of(unreadable.getMessage());
        }
        if (refusedHash != null && refusedHash.equals(sha256(token)) && readModified.equals(refusedModified)) {
            return Optional.of("the downstream SCIM endpoint refused the token (401) at " + refusedAt
                    + ": it expired or was rotated; write a new token to " + file + " (read on change, no restart;"
                    + " to retry the same token, touch the file)");
        }
        refusedHash = null;
        refusedAt = null;
        refusedModified = null;
        return Optional.empty();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
