package dev.kiroscim.server.audit;

/**
 * Defuses spreadsheet formula injection (CWE-1236) in CSV exports: a cell that begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return would be run as a formula by Excel, LibreOffice or Google
 * Sheets when an auditor opens the file. Such a cell is prefixed with a single quote, which spreadsheets show as
 * text and do not evaluate (OWASP's recommendation). Values come from IdPs (userName, displayName), so an attacker
 * who can provision a user named {@code =HYPERLINK(…)} could otherwise reach the auditor's desktop.
 *
 * <p>Cost: a negative number or an ISO duration starting with {@code -} is exported as {@code '-5}; the JSON
 * format of the same endpoints keeps the raw value.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
