package dev.kiroscim.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code wrk --latency} printed: requests completed, rate, p50/p99 and the errors it counted. */
record WrkResult(long requests, double perSecond, String p50, String p99, String errors) {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: (.*)");

    static WrkResult parse(String out) {
        return new WrkResult(
                Long.parseLong(find(REQUESTS, out)),
                Double.parseDouble(find(RATE, out)),
                percentile(out, "50%"),
                percentile(out, "99%"),
                (NON_2XX.matcher(out).find() ? find(NON_2XX, out) + " non-2xx" : "0")
                        + (SOCKET.matcher(out).find() ? "; socket " + find(SOCKET, out) : ""));
    }

    private static String percentile(String out, String which) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(which) + "\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + " in wrk output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return String.format(java.util.Locale.ROOT, "%.1f ms", ms);
    }

    private static String find(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output (" + p + "):\n" + out);
        }
        return m.group(1);
    }
}
