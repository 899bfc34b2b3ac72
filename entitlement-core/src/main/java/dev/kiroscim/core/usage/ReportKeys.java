package dev.kiroscim.core.usage;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key layout of Kiro's report files (shared/docs/kiro-usage-and-billing.md §1.1):
 * {@code prefix/AWSLogs/<accountId>/KiroLogs/user_report/<region>/<yyyy>/<mm>/<dd>/00/<clientType>_<accountId>_user_report_<yyyyMMdd0000>.csv}.
 * Files are selected by the {@code user_report/} folder (or the {@code _user_report_} name) and the {@code .csv}
 * suffix, never by client name: {@code KIRO_WEB_…} or a new client's file is accepted too.
 */
public final class ReportKeys {

    private static final Pattern DAY_FOLDERS = Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})/");
    private static final Pattern NAME_STAMP = Pattern.compile("_user_report_(\\d{4})(\\d{2})(\\d{2})\\d*\\.csv$");

    private ReportKeys() {}

    /** The folder under which the reports of an account sit, below the configured prefix. */
    public static String userReportPrefix(String prefix, String accountId) {
        String p = prefix == null || prefix.isBlank() ? "" : prefix.replaceAll("^/+|/+$", "") + "/";
        return p + "AWSLogs/" + accountId + "/KiroLogs/user_report/";
    }

    /** Whether a key or relative path is a user_report CSV (not a legacy by_user_analytic file or a marker). */
    public static boolean isUserReport(String key) {
        String k = key.replace('\\', '/');
        return k.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                && !k.contains("by_user_analytic")
                && (k.contains("user_report/") || k.contains("_user_report_"));
    }

    /** The activity day of a report file: from its {@code yyyy/mm/dd/} folders, else from its name's time stamp. */
    public static Optional<LocalDate> dayOf(String key) {
        String k = key.replace('\\', '/');
        Matcher m = DAY_FOLDERS.matcher(k);
        Optional<LocalDate> day = Optional.empty();
        while (m.find()) {
            day = date(m.group(1), m.group(2), m.group(3));
        }
        if (day.isPresent()) {
            return day;
        }
        Matcher n = NAME_STAMP.matcher(k);
        return n.find() ? date(n.group(1), n.group(2), n.group(3)) : Optional.empty();
    }

    private static Optional<LocalDate> date(String y, String m, String d) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d)));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
