package dev.kiroscim.bench;

import dev.kiroscim.it.Backend;
import dev.kiroscim.it.KiroServer;
import dev.kiroscim.it.ServerOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /admin/v1/audit} at a million events (issue 6: "uses indexes, and stays fast at a million events"),
 * and {@code audit verify} over the whole chain.
 *
 * <p>Starts the real jar, stops it, appends {@code bench.events} hash-chained events straight into its database
 * ({@link AuditLogFiller}), times {@code audit verify} (which must pass), starts the server again and times each
 * typical query {@code bench.repeats} times, one client at a time, with fresh random arguments per call.
 *
 * <p>Run: {@code mvn -q -B -o -DskipTests install && mvn -B -o -pl integration-tests exec:java -Pbenchmark
 * -Dbench.mode=audit -Dbench.events=1000000 -Dbench.backend=h2|postgres}. It prints a Markdown table.
 */
final class AuditBenchmark {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final KiroServer server;
    private final AuditLogFiller.Filled log;
    private final SplittableRandom random = new SplittableRandom(7);
    private final List<String> rows = new ArrayList<>();

    private AuditBenchmark(KiroServer server, AuditLogFiller.Filled log) {
        this.server = server;
        this.log = log;
    }

    static void main(Backend backend) throws Exception {
        long events = Long.getLong("bench.events", 1_000_000L);
        int repeats = Integer.getInteger("bench.repeats", 50);
        try (KiroServer server = KiroServer.start(ServerOptions.on(backend))) {
            server.stop();
            long t = System.nanoTime();
            AuditLogFiller.Filled log;
            try (Connection c = server.connectToDatabase()) {
                log = AuditLogFiller.fill(c, events);
                if (backend == Backend.POSTGRES) {
                    // What autovacuum does on its own after a million inserts (PostgreSQL 13+ vacuums on inserts too):
                    // planner statistics, and a visibility map so that index-only scans need no heap visits. Without
                    // it the planner still believes the table is empty and picks sequential scans.
                    c.setAutoCommit(true);
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("vacuum analyze audit_event");
                    }
                }
            }
            System.out.printf(
                    "filled %d events (seq %d..%d) in %.0f s on %s%n",
                    events, log.firstSeq(), log.lastSeq(), (System.nanoTime() - t) / 1e9, backend);
            String verify = verify(server);
            server.startAgain();
            AuditBenchmark bench = new AuditBenchmark(server, log);
            bench.rows.add(verify);
            bench.run(repeats);
            System.out.println();
            System.out.printf(
                    "audit log: %,d events, %s, %d cores, %d calls per query%n",
                    log.lastSeq(), backend, Runtime.getRuntime().availableProcessors(), repeats);
            System.out.println("| query | events returned (median) | p50 | p99 |");
            System.out.println("|---|---|---|---|");
            bench.rows.forEach(System.out::println);
        }
    }

    /** {@code audit verify} through the jar's CLI on the stopped server's data; fails the run if the chain is broken. */
    private static String verify(KiroServer server) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-jar",
                KiroServer.jar().toString(),
                "audit",
                "verify"));
        command.addAll(server.databaseArgs());
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("audit verify failed: " + out);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        System.out.printf("audit verify: %.1f s: %s", seconds, out);
        return String.format(
                "| `audit verify` (CLI, -Xmx256m, whole chain incl. JVM start): %s | | %.1f s | |",
                out.strip().lines().reduce((a, b) -> b).orElse("").replace("audit chain OK: ", ""), seconds);
    }

    private void run(int repeats) throws Exception {
        long deep = log.lastSeq() - log.lastSeq() / 10;
        time("first page, no filter (limit 100)", repeats, () -> "");
        time(
                "deep cursor page, no filter (cursor in the last 10%)",
                repeats, () -> "cursor=" + (deep + random.nextLong(log.lastSeq() / 20)));
        time(
                "userName (case-insensitive, random user)",
                repeats,
                () -> "userName=" + enc(AuditLogFiller.userName(user()).toUpperCase(Locale.ROOT)));
        time(
                "userName, unknown user (empty result)",
                repeats,
                () -> "userName=" + enc("nobody" + random.nextInt() + "@example.com"));
        time("userId (random user)", repeats, () -> "userId=" + AuditLogFiller.userId(user()));
        time("userId + type=seat.", repeats, () -> "userId=" + AuditLogFiller.userId(user()) + "&type=seat.");
        time(
                "group by id (random group)",
                repeats,
                () -> "group=" + AuditLogFiller.groupId(random.nextInt(AuditLogFiller.GROUPS)));
        time(
                "group by displayName (random group)",
                repeats,
                () -> "group="
                        + enc(AuditLogFiller.groupName(random.nextInt(AuditLogFiller.GROUPS))
                                .toLowerCase(Locale.ROOT)));
        time("type=seat. (prefix), first page", repeats, () -> "type=seat.");
        time(
                "type=seat. deep cursor page",
                repeats,
                () -> "type=seat.&cursor=" + (deep + random.nextLong(log.lastSeq() / 20)));
        time("type=idc.call.failed (rare type, 0.5%)", repeats, () -> "type=idc.call.failed");
        time("type=token.created (very rare type, 0.1%)", repeats, () -> "type=token.created");
        time("since/until: a random 1-hour window", repeats, () -> {
            Instant from = randomInstant();
            return "since=" + from + "&until=" + from.plusSeconds(3600);
        });
        time("since/until: a random 1-day window + type=scim.user.deactivated", repeats, () -> {
            Instant from = randomInstant();
            return "since=" + from + "&until=" + from.plusSeconds(86_400) + "&type=scim.user.deactivated";
        });
        time("since only: open-ended from a random instant", repeats, () -> "since=" + randomInstant());
        time("CSV export, type=scim. limit 1000", repeats, () -> "type=scim.&limit=1000&format=csv");
        time(
                "JSON page, limit 1000, deep cursor",
                repeats,
                () -> "limit=1000&cursor=" + (deep + random.nextLong(log.lastSeq() / 20)));
    }

    private int user() {
        return random.nextInt(log.users());
    }

    private Instant randomInstant() {
        long span = log.lastAt().toEpochMilli() - AuditLogFiller.START.toEpochMilli();
        return Instant.ofEpochMilli(AuditLogFiller.START.toEpochMilli() + (long) (random.nextDouble() * span))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Two warm-up calls, then {@code repeats} timed calls, each with fresh arguments. */
    private void time(String name, int repeats, Supplier<String> query) throws Exception {
        for (int i = 0; i < 2; i++) {
            call(query.get());
        }
        Latencies lat = new Latencies();
        long[] counts = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            String q = query.get();
            long t = System.nanoTime();
            HttpResponse<String> r = call(q);
            lat.add(System.nanoTime() - t);
            counts[i] = q.contains("format=csv") ? r.body().lines().count() - 1 : count(r.body(), "\"seq\":");
        }
        java.util.Arrays.sort(counts);
        String row = String.format(
                "| %s | %d | %.1f ms | %.1f ms |", name, counts[repeats / 2], lat.medianMs(), lat.percentileMs(99));
        System.out.println(row);
        rows.add(row);
    }

    private HttpResponse<String> call(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/admin/v1/audit" + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + server.token())
                .GET()
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(query + " → " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static long count(String body, String needle) {
        long n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
