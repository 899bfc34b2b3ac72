package dev.kiroscim.bench;

import dev.kiroscim.it.Backend;
import dev.kiroscim.it.KiroServer;
import dev.kiroscim.it.ServerOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server CPU per request under an external load generator (issue 13): the real jar ({@code -Xmx512m}) over loopback
 * HTTP, driven by {@code wrk} with the Lua scripts in {@code integration-tests/bench/wrk/}, so the generator's CPU is
 * not the server's (and not this JVM's either: it only preloads, then waits).
 *
 * <p>For each scenario it prints req/s, p50/p99 (wrk's own latency distribution), the server's CPU per request
 * ({@code utime + stime} of the server process from {@code /proc/PID/stat}, before and after the run, divided by the
 * requests wrk completed), on PostgreSQL the CPU of the backends serving this server's database (same formula, over
 * the {@code postgres: … <database> …} processes), and the most heap the server used ({@code jstat -gc}, sampled every
 * 200 ms); on PostgreSQL also what the server's sessions waited for ({@link PgWaits}). CPU per request is the steady number on a shared machine: req/s and the tail move with whatever else runs
 * on the cores, CPU per request hardly does.
 *
 * <p>Run ({@code docs/benchmarks.md}): {@code -Dbench.mode=wrk} with {@code -Dbench.users=100000 -Dbench.backend=h2|postgres
 * -Dbench.threads=2 -Dbench.connections=16 -Dbench.seconds=8 -Dbench.patchConnections=4
 * -Dbench.warmupSeconds=15 -Dbench.dbPoolSize=10} (each scenario first runs unmeasured for that long, so JIT compilation is not charged to it: after 5 s the C2
 * compiler threads still used 1.4–1.7 ms per POST or PATCH, seen in the per-thread split); {@code -Dbench.jfr=true}
 * also records each scenario with JFR and prints its hottest frames (the profiler costs CPU: take CPU numbers from a
 * run without it). A measuring tool, not a test: it asserts nothing beyond the set-up succeeding.
 */
final class WrkBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Path SCRIPTS = Path.of(System.getProperty("bench.wrkScripts", "bench/wrk"));
    private static final int PRELOAD_CLIENTS = 16;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final KiroServer server;
    private final Backend backend;
    private final String auth;
    private final Path work;
    private final List<String> rows = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();
    private final List<String> waits = new ArrayList<>();

    private WrkBenchmark(KiroServer server, Backend backend) throws IOException {
        this.server = server;
        this.backend = backend;
        this.auth = "Bearer " + server.token();
        this.work = Files.createTempDirectory("kiro-wrk-");
    }

    static void main(Backend backend) throws Exception {
        int users = Integer.getInteger("bench.users", 100_000);
        ServerOptions options = ServerOptions.on(backend).withConfigYaml("server:\n  maxInFlight: 256\n");
        String poolSize = System.getProperty("bench.dbPoolSize");
        if (poolSize != null) {
            options = options.withEnv("KIRO_SCIM_DB_POOL_SIZE", poolSize); // the server's default is 10
        }
        try (KiroServer server = KiroServer.start(options)) {
            new WrkBenchmark(server, backend).run(users);
        }
    }

    private void run(int users) throws Exception {
        int threads = Integer.getInteger("bench.threads", 2);
        int connections = Integer.getInteger("bench.connections", 16);
        int seconds = Integer.getInteger("bench.seconds", 8);
        int patchConnections = Integer.getInteger("bench.patchConnections", 4);
        boolean jfr = Boolean.getBoolean("bench.jfr");
        System.out.printf(
                "wrk benchmark: %d users, %s, wrk -t%d -c%d -d%ds (PATCH -c%d), %d cores, load average %s%n",
                users,
                backend,
                threads,
                connections,
                seconds,
                patchConnections,
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        long t0 = System.nanoTime();
        List<String> ids = preloadUsers(users);
        int probes = Math.max(1, Math.min(1000, users / 10));
        List<String> members = ids.subList(0, users - probes);
        String group = createBigGroup(members);
        System.out.printf(
                "preloaded %d users and a group of %d members in %.0f s%n",
                users, members.size(), (System.nanoTime() - t0) / 1e9);
        Path idFile = Files.write(work.resolve("ids.txt"), ids);
        Path probeFile = Files.write(work.resolve("probes.txt"), ids.subList(users - probes, users));

        scenario("GET /Users/{id}", jfr, threads, connections, seconds, "get-user.lua", idFile.toString());
        scenario(
                "GET /Users?filter=userName eq",
                jfr,
                threads,
                connections,
                seconds,
                "filter-users.lua",
                Integer.toString(users));
        scenario(
                "POST /Users",
                jfr,
                threads,
                connections,
                seconds,
                "post-users.lua",
                "wrk" + System.currentTimeMillis());
        scenario(
                "PATCH /Groups/{id} add or remove one member of " + members.size(),
                jfr,
                Math.min(threads, patchConnections),
                patchConnections,
                seconds,
                "patch-group.lua",
                group,
                probeFile.toString());

        System.out.println();
        System.out.printf(
                "%d users, %s, load average after: %s%n",
                users, backend, Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println(
                "| scenario | req/s | p50 | p99 | server CPU ms/req | of which request threads | H2 background"
                        + " | other threads | PostgreSQL CPU ms/req | heap max used | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (!waits.isEmpty()) {
            System.out.println();
            System.out.println(
                    "| scenario | the server's PostgreSQL sessions, by state and wait event (average per 20 ms sample) |");
            System.out.println("|---|---|");
            waits.forEach(System.out::println);
        }
        profiles.forEach(System.out::println);
        Files.deleteIfExists(idFile);
        Files.deleteIfExists(probeFile);
        if (!jfr) {
            Files.deleteIfExists(work.resolve("sampling.jfc"));
            Files.deleteIfExists(work);
        }
    }

    private void scenario(
            String name, boolean jfr, int threads, int connections, int seconds, String script, String... args)
            throws Exception {
        int warmup = Integer.getInteger("bench.warmupSeconds", 15);
        if (warmup > 0) {
            // Unmeasured: the JIT compiles this scenario's path first, so its compile time is not charged per request.
            wrk(threads, connections, warmup, script, args);
        }
        settle(name);
        Path recording = work.resolve(script.replace(".lua", ".jfr"));
        if (jfr) {
            jcmd("JFR.start", "name=bench", "settings=" + samplingSettings());
        }
        HeapSampler heap = HeapSampler.start(server.pid());
        String database = backend == Backend.POSTGRES ? databaseName() : null;
        ProcessCpu.Snapshot pgBefore = database == null ? null : ProcessCpu.postgresBackends(database);
        PgWaits waits = database == null
                ? null
                : new PgWaits(
                        server.databaseArgs().get(1), server.databaseArgs().get(3), database);
        long cpuBefore = ProcessCpu.ticks(server.pid());
        Map<String, Long> threadsBefore = ProcessCpu.byThreadName(server.pid());
        String out = wrk(threads, connections, seconds, script, args);
        long cpu = ProcessCpu.ticks(server.pid()) - cpuBefore;
        Map<String, Long> threadsAfter = ProcessCpu.byThreadName(server.pid());
        if (waits != null) {
            waits.close();
            this.waits.add("| `" + name + "` | " + waits.summary() + " |");
        }
        long pg = pgBefore == null ? -1 : ProcessCpu.postgresBackends(database).ticksSince(pgBefore);
        long heapMax = heap.stop();
        if (jfr) {
            jcmd("JFR.stop", "name=bench", "filename=" + recording);
            profiles.add("\n### " + name + " (JFR execution samples, " + recording + ")\n"
                    + JfrTopFrames.summarize(recording));
        }
        WrkResult result = WrkResult.parse(out);
        rows.add(String.format(
                Locale.ROOT,
                "| `%s` | %,.0f | %s | %s | %.2f | %.2f | %.2f | %.2f | %s | %d MiB | %s |",
                name,
                result.perSecond(),
                result.p50(),
                result.p99(),
                ProcessCpu.millis(cpu) / result.requests(),
                perRequest(threadsAfter, threadsBefore, "request", result.requests()),
                perRequest(threadsAfter, threadsBefore, "h2", result.requests()),
                perRequest(threadsAfter, threadsBefore, "other", result.requests()),
                pg < 0 ? "—" : String.format(Locale.ROOT, "%.2f", ProcessCpu.millis(pg) / result.requests()),
                heapMax / 1024,
                result.errors()));
        System.out.println(rows.get(rows.size() - 1));
        System.out.println("  CPU ms/req by thread: " + busiestThreads(threadsAfter, threadsBefore, result.requests()));
    }

    /**
     * Waits until the server is idle, so background work (the outbox draining a 99,000-member change, seat steps,
     * checkpoints) is not charged to the requests measured next: idle means under {@code bench.idleCpuPercent} (2%) of
     * one core over 2 s, for at most {@code bench.settleSeconds} (600). Prints the last rate seen.
     */
    /** CPU ms per request of the threads of one {@link ProcessCpu#threadKind kind}. */
    private static double perRequest(Map<String, Long> after, Map<String, Long> before, String kind, long requests) {
        long ticks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (ProcessCpu.threadKind(e.getKey()).equals(kind)) {
                ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return ProcessCpu.millis(ticks) / requests;
    }

    /** The threads that used the most CPU per request, e.g. {@code kiro-http=1.41, C2 CompilerThre=0.30}. */
    private static String busiestThreads(Map<String, Long> after, Map<String, Long> before, long requests) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), ProcessCpu.millis(e.getValue()) / requests))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void settle(String scenario) throws InterruptedException {
        double idlePercent = Double.parseDouble(System.getProperty("bench.idleCpuPercent", "2"));
        long deadline = System.nanoTime() + Long.getLong("bench.settleSeconds", 600) * 1_000_000_000L;
        long started = System.nanoTime();
        double percent;
        do {
            long before = ProcessCpu.ticks(server.pid());
            Thread.sleep(2000);
            percent = ProcessCpu.millis(ProcessCpu.ticks(server.pid()) - before) / 2000 * 100;
        } while (percent > idlePercent && System.nanoTime() < deadline);
        System.out.printf(
                Locale.ROOT,
                "server at %.1f%% of a core before `%s` (waited %.0f s)%n",
                percent,
                scenario,
                (System.nanoTime() - started) / 1e9);
    }

    private String wrk(int threads, int connections, int seconds, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                "Authorization: " + auth,
                "-s",
                SCRIPTS.resolve(script).toString(),
                server.baseUri().toString(),
                "--"));
        command.addAll(List.of(args));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return out;
    }

    /**
     * The JDK's {@code profile} settings with Java method sampling every millisecond instead of every 10 ms: on a
     * busy 2-core machine an 8 s run otherwise gives too few samples to rank frames.
     */
    private Path samplingSettings() throws IOException {
        Path settings = work.resolve("sampling.jfc");
        if (!Files.exists(settings)) {
            String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
            Files.writeString(
                    settings,
                    profile.replace(
                            "<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
                            "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
        }
        return settings;
    }

    private String databaseName() {
        String url = server.databaseArgs().get(1);
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private void jcmd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(server.pid())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + ": " + out);
        }
    }

    /** {@code bench.user0 … bench.user<n-1>} with {@value #PRELOAD_CLIENTS} clients; returns their ids in order. */
    private List<String> preloadUsers(int users) throws Exception {
        String[] ids = new String[users];
        AtomicInteger next = new AtomicInteger();
        parallel(() -> {
            int i;
            while ((i = next.getAndIncrement()) < users) {
                String body =
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bench.user" + i
                                + "@example.com\",\"name\":{\"givenName\":\"Bench\",\"familyName\":\"User" + i + "\"},"
                                + "\"emails\":[{\"value\":\"bench.user" + i
                                + "@example.com\",\"type\":\"work\",\"primary\":true}],"
                                + "\"externalId\":\"ext-" + i + "\",\"active\":true}";
                ids[i] = id(send("POST", "/Users?attributes=id", body, 201));
            }
        });
        return List.of(ids);
    }

    /** One group holding {@code members}, filled 5,000 at a time (Okta-style, response without the member list). */
    private String createBigGroup(List<String> members) throws Exception {
        String group = id(send(
                "POST",
                "/Groups",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                        + "\"displayName\":\"wrk-big\",\"members\":[]}",
                201));
        for (int from = 0; from < members.size(); from += 5000) {
            StringBuilder value = new StringBuilder();
            for (String id : members.subList(from, Math.min(members.size(), from + 5000))) {
                value.append(value.length() == 0 ? "" : ",")
                        .append("{\"value\":\"")
                        .append(id)
                        .append("\"}");
            }
            send(
                    "PATCH",
                    "/Groups/" + group + "?excludedAttributes=members",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
                            + "\"path\":\"members\",\"value\":[" + value + "]}]}",
                    200);
        }
        return group;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void parallel(Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRELOAD_CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < PRELOAD_CLIENTS; i++) {
                futures.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String send(String method, String path, String body, int status) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.scimUri() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", auth)
                .header("Accept", "application/scim+json")
                .header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}
