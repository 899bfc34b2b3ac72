package dev.kiroscim.core.directory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Fixed-width UTC text of an instant ({@code 2026-10-01T00:00:00.000Z}): indexed dateTime attributes are stored
 * this way so that comparing the text compares the instants.
 */
public final class InstantText {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private InstantText() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
