package dev.kiroscim.adapter.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints' signing secrets, read from their files and read again when a file changes (modification time or
 * size), so a secret is rotated by rewriting the file, without a restart. The key is the file's bytes with trailing
 * whitespace (the newline editors add) removed. Secrets are never logged, and errors name only the file.
 */
public final class SecretFiles {

    private record Cached(FileTime modified, long size, byte[] secret) {}

    private final Map<String, Path> files;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param files secret file by endpoint name; endpoints without one are sent unsigned (Slack) */
    public SecretFiles(Map<String, Path> files) {
        this.files = Map.copyOf(files);
    }

    /** @throws UncheckedIOException when the file cannot be read (the delivery is then a dead letter) */
    public Optional<byte[]> secretOf(String endpoint) {
        Path file = files.get(endpoint);
        if (file == null) {
            return Optional.empty();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached c = cache.get(endpoint);
            if (c == null || !c.modified().equals(modified) || c.size() != size) {
                c = new Cached(modified, size, trimEnd(Files.readAllBytes(file)));
                cache.put(endpoint, c);
            }
            return Optional.of(c.secret().clone());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the secret file of endpoint " + endpoint + " (" + file + ") cannot be read", e);
        }
    }

    static byte[] trimEnd(byte[] bytes) {
        int end = bytes.length;
        while (end > 0
                && (bytes[end - 1] == '\n'
                        || bytes[end - 1] == '\r'
                        || bytes[end - 1] == ' '
                        || bytes[end - 1] == '\t')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
