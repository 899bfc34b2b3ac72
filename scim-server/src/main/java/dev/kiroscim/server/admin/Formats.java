package dev.kiroscim.server.admin;

import dev.kiroscim.server.audit.AuditRendering;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Content negotiation of the audit endpoints: CSV on {@code format=csv} or an {@code Accept} naming text/csv. */
final class Formats {

    private Formats() {}

    static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return format.trim().equalsIgnoreCase("csv");
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    static Response.ResponseBuilder csv(AuditRendering.Table table) {
        return Response.ok(table.csv().getBytes(StandardCharsets.UTF_8)).type("text/csv; charset=utf-8");
    }
}
