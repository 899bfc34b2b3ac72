package dev.kiroscim.core.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold commas, quotes ({@code ""})
 * or line breaks, CRLF or LF line ends, and a leading UTF-8 byte-order mark ignored. Each record carries the line it
 * starts on, so problems can name {@code file:line}.
 */
final class CsvRecords {

    /** One record: its first line (1-based) and its fields, or a syntax error found in it. */
    record Record(int line, List<String> fields, String error) {}

    private CsvRecords() {}

    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        while (i < text.length()) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String error = null;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean endOfRecord = false;
            while (i < text.length() && !endOfRecord) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                            afterQuote = true;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i < text.length() && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    endOfRecord = true;
                } else if (c == '"' && field.isEmpty() && !afterQuote) {
                    quoted = true;
                } else if (afterQuote) {
                    if (error == null) {
                        error = "unexpected text after a closing quote";
                    }
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                error = "a quoted field is not closed";
            }
            fields.add(field.toString());
            boolean blank = fields.size() == 1 && fields.get(0).isBlank() && error == null;
            if (!blank) {
                records.add(new Record(start, List.copyOf(fields), error));
            }
        }
        return records;
    }
}
