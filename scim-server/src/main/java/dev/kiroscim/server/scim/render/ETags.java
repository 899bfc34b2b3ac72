package dev.kiroscim.server.scim.render;

import java.util.Arrays;

/**
 * Resource versions as HTTP entity tags (RFC 7644 §3.14). Version 7 is {@code W/"7"}: weak, because the
 * representation varies with {@code attributes}/{@code excludedAttributes} while the resource is the same.
 */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Whether an {@code If-Match}/{@code If-None-Match} header value names this version. Accepts {@code *}, lists
     * ({@code W/"1", W/"2"}), and weak or strong forms of the same tag (weak comparison, RFC 7232 §2.3.2).
     */
    public static boolean matches(String header, long version) {
        if (header == null) {
            return false;
        }
        String wanted = "\"" + version + "\"";
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(wanted));
    }
}
