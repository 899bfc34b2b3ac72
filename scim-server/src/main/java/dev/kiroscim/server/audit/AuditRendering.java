package dev.kiroscim.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditPage;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.CanonicalJson;
import dev.kiroscim.core.audit.report.HoldersReport;
import dev.kiroscim.core.audit.report.OffboardingReport;
import dev.kiroscim.core.audit.report.SeatsReport;
import dev.kiroscim.server.scim.render.ScimJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One rendering of audit events and reports as JSON, CSV (RFC 4180: comma-separated, CRLF, fields with a comma,
 * quote or line break quoted, quotes doubled; formula-like cells defused by {@link CsvCells}) and a plain-text
 * table, shared by the admin API and the CLI.
 */
public final class AuditRendering {

    /** A rectangular result: a header and rows of text cells (null for empty). */
    public record Table(List<String> header, List<List<String>> rows) {
        public String csv() {
            StringBuilder out = new StringBuilder();
            line(out, header);
            rows.forEach(r -> line(out, r));
            return out.toString();
        }

        public String text() {
            int[] widths = new int[header.size()];
            List<List<String>> all = new ArrayList<>();
            all.add(header);
            all.addAll(rows);
            for (List<String> r : all) {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(
                            widths[i], r.get(i) == null ? 0 : Math.min(r.get(i).length(), 80));
                }
            }
            StringBuilder out = new StringBuilder();
            for (List<String> r : all) {
                for (int i = 0; i < r.size(); i++) {
                    String cell = r.get(i) == null ? "" : r.get(i);
                    out.append(i == r.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
                }
                out.append('\n');
            }
            return out.toString();
        }

        private static void line(StringBuilder out, List<String> cells) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                String c = cells.get(i) == null ? "" : CsvCells.neutralise(cells.get(i));
                if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                    out.append('"').append(c.replace("\"", "\"\"")).append('"');
                } else {
                    out.append(c);
                }
            }
            out.append("\r\n");
        }
    }

    private AuditRendering() {}

    // --- events --------------------------------------------------------------------------------------------------

    public static ObjectNode json(AuditPage page) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("events");
        page.events().forEach(e -> events.add(json(e)));
        out.put("next", page.next());
        return out;
    }

    public static ObjectNode json(AuditEvent e) {
        ObjectNode o = ScimJson.MAPPER.createObjectNode();
        o.put("seq", e.seq());
        o.put("at", e.at().toString());
        o.put("type", e.type());
        o.put("actor", e.actor());
        o.set("subject", subject(e.subject()));
        if (e.group() != null) {
            o.set("group", subject(e.group()));
        }
        o.set("details", tree(CanonicalJson.write(e.details())));
        o.put("requestId", e.requestId());
        o.put("hash", e.hash());
        return o;
    }

    private static ObjectNode subject(AuditSubject s) {
        return ScimJson.MAPPER
                .createObjectNode()
                .put("kind", s.kind())
                .put("id", s.id())
                .put("name", s.name());
    }

    public static Table table(List<AuditEvent> events) {
        List<List<String>> rows = new ArrayList<>();
        for (AuditEvent e : events) {
            rows.add(cells(
                    Long.toString(e.seq()),
                    e.at().toString(),
                    e.type(),
                    e.actor(),
                    e.subject().kind(),
                    e.subject().id(),
                    e.subject().name(),
                    e.group() == null ? null : e.group().name(),
                    CanonicalJson.write(e.details()),
                    e.requestId()));
        }
        return new Table(
                List.of(
                        "seq",
                        "at",
                        "type",
                        "actor",
                        "subjectKind",
                        "subjectId",
                        "subjectName",
                        "group",
                        "details",
                        "requestId"),
                rows);
    }

    // --- reports -------------------------------------------------------------------------------------------------

    public static ObjectNode holdersJson(Instant at, List<HoldersReport.Holder> holders) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode().put("at", at.toString());
        ArrayNode list = out.putArray("holders");
        holders.forEach(h -> list.addObject()
                .put("userId", h.userId())
                .put("userName", h.userName())
                .put("tier", h.tier())
                .put("pool", h.pool())
                .put("since", h.since().toString()));
        out.put("count", holders.size());
        return out;
    }

    public static Table holdersTable(List<HoldersReport.Holder> holders) {
        List<List<String>> rows = new ArrayList<>();
        holders.forEach(h -> rows.add(
                cells(h.userName(), h.userId(), h.tier(), h.pool(), h.since().toString())));
        return new Table(List.of("userName", "userId", "tier", "pool", "since"), rows);
    }

    public static ObjectNode offboardingJson(OffboardingReport.Result r) {
        ObjectNode out = ScimJson.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("users");
        for (OffboardingReport.Row row : r.users()) {
            ObjectNode o = list.addObject()
                    .put("userId", row.userId())
                    .put("userName", row.userName())
                    .put("how", row.how())
                    .put("deactivatedAt", row.deactivatedAt().toString())
                    .put("hadSeat", row.hadSeat())
                    .put("seatReleasedAt", text(row.seatReleasedAt()))
                    .put("identityCenterRemovedAt", text(row.identityCenterRemovedAt()));
            o.put("latencySeconds", row.latencySeconds());
            o.put("pending", row.pending());
        }
        out.put("medianSeconds", r.medianSeconds());
        out.put("maxSeconds", r.maxSeconds());
        out.put("pending", r.pending());
        return out;
    }

    public static Table offboardingTable(OffboardingReport.Result r) {
        List<List<String>> rows = new ArrayList<>();
        r.users()
                .forEach(u -> rows.add(cells(
                        u.userName(),
                        u.userId(),
                        u.how(),
                        u.deactivatedAt().toString(),
                        Boolean.toString(u.hadSeat()),
                        text(u.seatReleasedAt()),
                        text(u.identityCenterRemovedAt()),
                        text(u.latencySeconds()))));
        return new Table(
                List.of(
                        "userName",
                        "userId",
                        "how",
                        "deactivatedAt",
                        "hadSeat",
                        "seatReleasedAt",
                        "identityCenterRemovedAt",
                        "latencySeconds"),
                rows);
    }

    public static ObjectNode seatsJson(SeatsReport.Result r) {
        ObjectNode out =
                ScimJson.MAPPER.createObjectNode().put("month", r.month().toString());
        ArrayNode tiers = out.putArray("tiers");
        r.tiers()
                .forEach(t -> tiers.addObject()
                        .put("tier", t.tier())
                        .put("seatDays", t.seatDays())
                        .put("billedUsers", t.billedUsers())
                        .put("monthlyPriceUsd", t.monthlyPriceUsd())
                        .put("costUsd", t.costUsd()));
        out.put("billedUsers", r.billedUsers());
        out.put("totalCostUsd", r.totalCostUsd());
        return out;
    }

    public static Table seatsTable(SeatsReport.Result r) {
        List<List<String>> rows = new ArrayList<>();
        r.tiers()
                .forEach(t -> rows.add(cells(
                        t.tier(),
                        Long.toString(t.seatDays()),
                        Integer.toString(t.billedUsers()),
                        t.monthlyPriceUsd().toPlainString(),
                        t.costUsd().toPlainString())));
        rows.add(cells(
                "TOTAL",
                null,
                Integer.toString(r.billedUsers()),
                null,
                r.totalCostUsd().toPlainString()));
        return new Table(List.of("tier", "seatDays", "billedUsers", "monthlyPriceUsd", "costUsd"), rows);
    }

    private static String text(Object o) {
        return o == null ? null : o instanceof BigDecimal b ? b.toPlainString() : o.toString();
    }

    private static List<String> cells(String... values) {
        return java.util.Arrays.asList(values);
    }

    private static JsonNode tree(String json) {
        try {
            return ScimJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
