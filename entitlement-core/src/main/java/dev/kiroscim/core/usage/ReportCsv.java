package dev.kiroscim.core.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@code user_report} CSV by header (shared/docs/kiro-usage-and-billing.md §1.2–1.3): header names are
 * matched without regard to case or surrounding spaces, columns may come in any order, columns we do not know are
 * kept in {@link UsageRow#extra()} and never an error, a missing optional column or an empty cell means 0. A row that
 * cannot be read is a {@link ImportProblem} with its line; the other rows are still returned.
 */
public final class ReportCsv {

    /** The result: rows in file order (a later row with the same key replaces an earlier one), and problems. */
    public record Parsed(List<UsageRow> rows, List<ImportProblem> problems) {}

    private static final List<String> REQUIRED = List.of("Date", "UserId", "Client_Type", "Credits_Used");
    private static final Set<String> KNOWN = Set.of(
            "date",
            "userid",
            "client_type",
            "credits_used",
            "overage_credits_used",
            "overage_enabled",
            "profileid",
            "subscription_tier",
            "total_messages",
            "chat_conversations",
            "user_email");

    private ReportCsv() {}

    public static Parsed parse(String fileKey, String text) {
        List<CsvRecords.Record> records = CsvRecords.parse(text);
        List<ImportProblem> problems = new ArrayList<>();
        if (records.isEmpty()) {
            return new Parsed(List.of(), List.of(new ImportProblem(fileKey, 1, "the file is empty (no header)")));
        }
        CsvRecords.Record header = records.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            index.putIfAbsent(normalise(header.fields().get(i)), i);
        }
        List<String> missing =
                REQUIRED.stream().filter(c -> !index.containsKey(normalise(c))).toList();
        if (header.error() != null || !missing.isEmpty()) {
            String why = header.error() != null ? header.error() : "the header lacks " + String.join(", ", missing);
            return new Parsed(
                    List.of(),
                    List.of(new ImportProblem(fileKey, header.line(), why + "; the file is not a user_report")));
        }
        Map<String, UsageRow> rows = new LinkedHashMap<>();
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            try {
                if (r.error() != null) {
                    throw new IllegalArgumentException(r.error());
                }
                if (r.fields().size() != header.fields().size()) {
                    throw new IllegalArgumentException(
                            "expected " + header.fields().size() + " fields as in the header, got "
                                    + r.fields().size());
                }
                UsageRow row = row(fileKey, header.fields(), index, r.fields());
                rows.remove(row.key());
                rows.put(row.key(), row);
            } catch (IllegalArgumentException e) {
                problems.add(new ImportProblem(fileKey, r.line(), e.getMessage()));
            }
        }
        return new Parsed(List.copyOf(rows.values()), List.copyOf(problems));
    }

    private static UsageRow row(String fileKey, List<String> header, Map<String, Integer> index, List<String> fields) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (!KNOWN.contains(normalise(header.get(i))) && !fields.get(i).isEmpty()) {
                extra.put(header.get(i).trim(), fields.get(i));
            }
        }
        String userId = text(index, fields, "userid");
        if (userId == null || UsageRow.normaliseUserId(userId).isEmpty()) {
            throw new IllegalArgumentException("UserId is empty");
        }
        String client = text(index, fields, "client_type");
        if (client == null) {
            throw new IllegalArgumentException("Client_Type is empty");
        }
        return new UsageRow(
                date(text(index, fields, "date")),
                UsageRow.normaliseUserId(userId),
                client,
                orEmpty(text(index, fields, "profileid")),
                amount(index, fields, "credits_used", "Credits_Used"),
                amount(index, fields, "overage_credits_used", "Overage_Credits_Used"),
                bool(text(index, fields, "overage_enabled")),
                text(index, fields, "subscription_tier"),
                count(index, fields, "total_messages", "Total_Messages"),
                count(index, fields, "chat_conversations", "Chat_Conversations"),
                text(index, fields, "user_email"),
                extra,
                fileKey);
    }

    private static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT);
    }

    /** The trimmed cell of a column, or null when the column is absent or the cell empty. */
    private static String text(Map<String, Integer> index, List<String> fields, String column) {
        Integer i = index.get(column);
        if (i == null) {
            return null;
        }
        String value = fields.get(i).trim();
        return value.isEmpty() ? null : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static LocalDate date(String value) {
        if (value == null) {
            throw new IllegalArgumentException("Date is empty");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Date must be an ISO date like 2026-07-10, got '" + value + "'");
        }
    }

    private static BigDecimal amount(Map<String, Integer> index, List<String> fields, String column, String name) {
        String value = text(index, fields, column);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got '" + value + "'");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static long count(Map<String, Integer> index, List<String> fields, String column, String name) {
        String value = text(index, fields, column);
        if (value == null) {
            return 0;
        }
        try {
            return new BigDecimal(value).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("Overage_Enabled must be true or false, got '" + value + "'");
    }
}
