package dev.kiroscim.bench;

import dev.kiroscim.it.Backend;
import dev.kiroscim.it.KiroServer;
import dev.kiroscim.it.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance budget, measured end to end against the real jar (started with {@code -Xmx512m}) over loopback:
 * SCIM write and filtered-read throughput with p50/p99 at N users, the cost of adding/removing one member of a
 * 10-member vs a 100,000-member group, a 256-member PATCH, a 10,000-member PUT, and the server's peak RSS.
 *
 * <p>Run: {@code mvn -q -B -DskipTests install && mvn -B -pl integration-tests exec:java -Pbenchmark}
 * with {@code -Dbench.users=100000 -Dbench.concurrency=8 -Dbench.readSeconds=20 -Dbench.backend=h2|postgres}.
 * It prints a Markdown table for {@code docs/benchmarks.md}. With {@code -Dbench.mode=audit} it runs
 * {@link AuditBenchmark} instead (audit queries at {@code -Dbench.events=1000000}); with {@code -Dbench.mode=console},
 * {@link ConsoleBenchmark} (the console's time to first render); with {@code -Dbench.mode=wrk}, {@link WrkBenchmark}
 * (server CPU per request under {@code wrk}). It is a measuring tool, not a test: it asserts nothing.
 */
public final class ScimBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final KiroServer server;
    private final String auth;
    private final List<String> rows = new ArrayList<>();

    private ScimBenchmark(KiroServer server) {
        this.server = server;
        this.auth = "Bearer " + server.token();
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int readSeconds = Integer.getInteger("bench.readSeconds", 20);
        Backend backend =
                Backend.valueOf(System.getProperty("bench.backend", "h2").toUpperCase(Locale.ROOT));
        if ("audit".equals(System.getProperty("bench.mode"))) {
            AuditBenchmark.main(backend);
            System.exit(0);
        }
        if ("writes".equals(System.getProperty("bench.mode"))) {
            // The cost of a write alone (issue 9: durable H2 commits): one client, then `concurrency` clients.
            try (KiroServer server =
                    KiroServer.start(ServerOptions.on(backend).withConfigYaml("server:\n  maxInFlight: 256\n"))) {
                ScimBenchmark bench = new ScimBenchmark(server);
                bench.writesOnly(users, concurrency, backend);
            }
            return;
        }
        if ("wrk".equals(System.getProperty("bench.mode"))) {
            WrkBenchmark.main(backend);
            System.exit(0);
        }
        if ("console".equals(System.getProperty("bench.mode"))) {
            ConsoleBenchmark.main(backend);
            System.exit(0);
        }
        try (KiroServer server =
                KiroServer.start(ServerOptions.on(backend).withConfigYaml("server:\n  maxInFlight: 256\n"))) {
            ScimBenchmark bench = new ScimBenchmark(server);
            bench.run(users, concurrency, readSeconds, backend);
        }
        System.exit(0);
    }

    private void run(int users, int concurrency, int readSeconds, Backend backend) throws Exception {
        System.out.printf(
                "benchmark: %d users, %d concurrent clients, %s, %d cores%n",
                users, concurrency, backend, Runtime.getRuntime().availableProcessors());
        List<String> ids = createUsers(users, concurrency);
        filteredReads(users, concurrency, readSeconds);
        membershipCost(ids);
        bulkMembership(ids);
        rows.add(String.format("| server peak RSS (-Xmx512m) | %d MiB | |", peakRssMiB()));
        System.out.println();
        System.out.println("| measurement | result | latency |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    private void writesOnly(int users, int concurrency, Backend backend) throws Exception {
        System.out.printf(
                "write cost: %d users per run, %s, jar %s, %d cores%n",
                users, backend, KiroServer.jar(), Runtime.getRuntime().availableProcessors());
        for (int[] run : new int[][] {{1, 0}, {concurrency, users}}) {
            long written = bytesWritten();
            createUsers(users, run[0], run[1]);
            rows.add(String.format(
                    "| bytes the server wrote per POST /Users (%d clients; /proc/PID/io wchar) | %,d B | |",
                    run[0], (bytesWritten() - written) / users));
        }
        long dbBytes;
        try (var files = Files.list(server.dataDir())) {
            dbBytes = files.filter(f -> f.getFileName().toString().endsWith(".mv.db"))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
        rows.add(String.format("| H2 file after %d users | %.1f MB | |", 2 * users, dbBytes / 1e6));
        System.out.println();
        System.out.println("| measurement | result | latency |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Bytes the server process has passed to write(2) so far (Linux); -1 elsewhere. */
    private long bytesWritten() throws IOException {
        Path io = Path.of("/proc", Long.toString(server.pid()), "io");
        if (!Files.isReadable(io)) {
            return -1;
        }
        for (String line : Files.readAllLines(io)) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).trim());
            }
        }
        return -1;
    }

    private List<String> createUsers(int users, int concurrency) throws Exception {
        return createUsers(users, concurrency, 0);
    }

    /** POST /Users with {@code concurrency} clients; every request is a distinct user, numbered from {@code first}. */
    private List<String> createUsers(int users, int concurrency, int first) throws Exception {
        String[] ids = new String[users];
        AtomicLong next = new AtomicLong();
        Instant start = Instant.now();
        Latencies all = parallel(concurrency, lat -> {
            long i;
            while ((i = next.getAndIncrement()) < users) {
                long n = first + i;
                String body =
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench.user" + n
                                + "@example.com\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User" + n + "\"},"
                                + "\"emails\":[{\"value\":\"bench.user" + n
                                + "@example.com\",\"type\":\"work\",\"primary\":true}],"
                                + "\"externalId\":\"ext-" + n + "\",\"active\":true}";
                long t = System.nanoTime();
                HttpResponse<String> r = send("POST", "/Users", body);
                lat.add(System.nanoTime() - t);
                expect(r, 201);
                ids[(int) i] = id(r.body());
            }
        });
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        rows.add(String.format(
                "| SCIM writes (POST /Users, %d users, %d clients) | %.0f writes/s | p50 %.1f ms, p99 %.1f ms |",
                users, concurrency, users / seconds, all.medianMs(), all.percentileMs(99)));
        return List.of(ids);
    }

    /** GET /Users?filter=userName eq "…" for random existing users, for a fixed time. */
    private void filteredReads(int users, int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Latencies all = parallel(concurrency, lat -> {
            while (System.nanoTime() < end) {
                int i = ThreadLocalRandom.current().nextInt(users);
                String filter = java.net.URLEncoder.encode(
                        "userName eq \"BENCH.user" + i + "@example.com\"", java.nio.charset.StandardCharsets.UTF_8);
                long t = System.nanoTime();
                HttpResponse<String> r = send("GET", "/Users?filter=" + filter, null);
                lat.add(System.nanoTime() - t);
                expect(r, 200);
                if (!r.body().contains("\"totalResults\":1")) {
                    throw new IllegalStateException("filter did not find user " + i + ": " + r.body());
                }
            }
        });
        rows.add(String.format(
                "| filtered reads (userName eq, %d users) | %.0f reads/s | p50 %.1f ms, p99 %.1f ms |",
                users, all.count() / (double) seconds, all.medianMs(), all.percentileMs(99)));
    }

    /** Add+remove one member: the same cost at 10 and at 100,000 members (or as many users as exist). */
    private void membershipCost(List<String> ids) throws Exception {
        int big = Math.min(100_000, ids.size() - 1);
        String small = createGroup("bench-small", ids.subList(0, 10));
        String large = createGroup("bench-large", List.of());
        for (int from = 0; from < big; from += 5000) {
            patchMembers(large, "add", ids.subList(from, Math.min(big, from + 5000)));
        }
        String probe = ids.get(ids.size() - 1);
        for (String[] group : new String[][] {{"10", small}, {Integer.toString(big), large}}) {
            Latencies lat = new Latencies();
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                patchMembers(group[1], "add", List.of(probe));
                patchMembers(group[1], "remove", List.of(probe));
                lat.add((System.nanoTime() - t) / 2);
            }
            rows.add(String.format(
                    "| add or remove one member, group of %s | | p50 %.1f ms, p99 %.1f ms |",
                    group[0], lat.medianMs(), lat.percentileMs(99)));
        }
    }

    /** A 256-member PATCH and a 10,000-member PUT on fresh groups. */
    private void bulkMembership(List<String> ids) throws Exception {
        Latencies patch = new Latencies();
        for (int round = 0; round < 10; round++) {
            String g = createGroup("bench-patch-" + round, List.of());
            List<String> members = ids.subList(round * 256, round * 256 + 256);
            long t = System.nanoTime();
            patchMembers(g, "add", members);
            patch.add(System.nanoTime() - t);
        }
        rows.add(String.format(
                "| PATCH adding 256 members | | p50 %.1f ms, max %.1f ms |",
                patch.medianMs(), patch.percentileMs(100)));
        Latencies put = new Latencies();
        int n = Math.min(10_000, ids.size());
        for (int round = 0; round < 3; round++) {
            String g = createGroup("bench-put-" + round, List.of());
            StringBuilder members = new StringBuilder();
            for (String id : ids.subList(0, n)) {
                members.append(members.length() == 0 ? "" : ",")
                        .append("{\"value\":\"")
                        .append(id)
                        .append("\"}");
            }
            String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"bench-put-"
                    + round + "\",\"members\":[" + members + "]}";
            long t = System.nanoTime();
            expect(send("PUT", "/Groups/" + g + "?excludedAttributes=members", body), 200);
            put.add(System.nanoTime() - t);
        }
        rows.add(String.format(
                "| PUT with %d members (new group) | | p50 %.1f ms, max %.1f ms |",
                n, put.medianMs(), put.percentileMs(100)));
    }

    private String createGroup(String name, List<String> members) throws Exception {
        StringBuilder m = new StringBuilder();
        for (String id : members) {
            m.append(m.length() == 0 ? "" : ",")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        HttpResponse<String> r = send(
                "POST",
                "/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]," + "\"displayName\":\"" + name
                        + "\",\"members\":[" + m + "]}");
        expect(r, 201);
        return id(r.body());
    }

    private void patchMembers(String group, String op, List<String> members) throws Exception {
        StringBuilder value = new StringBuilder();
        for (String id : members) {
            value.append(value.length() == 0 ? "" : ",")
                    .append("{\"value\":\"")
                    .append(id)
                    .append("\"}");
        }
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + op
                + "\",\"path\":\"members\",\"value\":[" + value + "]}]}";
        expect(send("PATCH", "/Groups/" + group + "?excludedAttributes=members", body), 200);
    }

    private interface Work {
        void run(Latencies latencies) throws Exception;
    }

    private static Latencies parallel(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Latencies>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    Latencies lat = new Latencies();
                    work.run(lat);
                    return lat;
                }));
            }
            Latencies all = new Latencies();
            for (Future<Latencies> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.scimUri() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", auth)
                .header("Accept", "application/scim+json");
        if (body != null) {
            b.header("Content-Type", "application/scim+json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(
                    r.request().method() + " " + r.request().uri() + " → " + r.statusCode() + ": " + r.body());
        }
    }

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }

    /** Peak resident set size of the server process (VmHWM), from /proc. */
    private long peakRssMiB() throws IOException {
        long pid = server.pid();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
