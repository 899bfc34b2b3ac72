package dev.kiroscim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Okta-shaped SCIM load through the load balancer: user creates, pool group membership PATCHes (more candidates
 * than seats), deactivations, deletes, and (on their own thread) policy reloads. Like an IdP it retries a request
 * on 503, 429, 502/504 and connection errors, with backoff, until it gets an answer; a create whose retry answers
 * 409 was done by the first attempt, so the user is looked up by userName, as Okta does.
 *
 * <p>Each user belongs to one client thread, so the requests for one user are sequential and {@link Model} knows
 * exactly what every acknowledged request must have left in the database.
 */
final class OktaLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    /** What the IdP believes, from acknowledged requests only. */
    static final class UserModel {
        final String userName;
        final String pool;
        volatile String id;
        volatile boolean deleted;
        volatile boolean active = true;
        volatile boolean member;
        volatile boolean uncertain; // a request gave up without an answer: its outcome is unknown

        UserModel(String userName, String pool) {
            this.userName = userName;
            this.pool = pool;
        }
    }

    /** Counts for docs/benchmarks.md. */
    record Figures(int sent, int acknowledged, int retried, int gaveUp) {}

    private final URI base;
    private final String token;
    private final Map<String, String> poolGroupIds;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<UserModel> users = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private ExecutorService clients;
    private final List<Future<?>> futures = new ArrayList<>();

    private final String prefix;

    /** @param prefix starts every userName this load creates, so successive loads on one cluster do not collide */
    OktaLoad(URI base, String token, Map<String, String> poolGroupIds, String prefix) {
        this.base = base;
        this.token = token;
        this.poolGroupIds = poolGroupIds;
        this.prefix = prefix;
    }

    List<UserModel> users() {
        return List.copyOf(users);
    }

    Figures figures() {
        return new Figures(sent.get(), acknowledged.get(), retried.get(), gaveUp.get());
    }

    Map<String, AtomicInteger> statuses() {
        return statuses;
    }

    /** Starts {@code threads} clients, each pausing {@code think} between requests. */
    void start(int threads, Duration think, long seed) {
        running.set(true);
        clients = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(clients.submit(() -> client(thread, new Random(seed + thread), think)));
        }
    }

    /** Stops issuing new requests and waits for the in-flight ones (with their retries) to finish. */
    void stop() throws Exception {
        running.set(false);
        for (Future<?> f : futures) {
            f.get(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }

    private void client(int thread, Random random, Duration think) {
        List<UserModel> mine = new ArrayList<>();
        List<String> pools = new ArrayList<>(poolGroupIds.keySet());
        int created = 0;
        while (running.get()) {
            int roll = random.nextInt(100);
            List<UserModel> live = mine.stream()
                    .filter(u -> !u.deleted && !u.uncertain && u.id != null)
                    .toList();
            if (roll < 35 || live.isEmpty()) {
                UserModel u = new UserModel(
                        prefix + "-t" + thread + "-u" + (created++) + "@example.com",
                        pools.get(random.nextInt(pools.size())));
                mine.add(u);
                users.add(u);
                createUser(u);
            } else {
                UserModel u = live.get(random.nextInt(live.size()));
                if (roll < 75 && u.active && !u.member) {
                    patchMembership(u, true);
                } else if (roll < 83 && u.member) {
                    patchMembership(u, false);
                } else if (roll < 93 && u.active) {
                    deactivate(u);
                } else if (roll >= 93) {
                    delete(u);
                }
            }
            pause(think);
        }
    }

    private void createUser(UserModel u) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + u.userName
                + "\",\"name\":{\"givenName\":\"Load\",\"familyName\":\"Test\"},\"emails\":[{\"value\":\"" + u.userName
                + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
        Answer a = send("POST", "/scim/v2/Users", body);
        if (a.status == 201) {
            u.id = a.json.path("id").asText();
        } else if (a.status == 409 && a.attempts > 1) {
            // the first attempt was applied but its answer lost: find the user, as Okta does
            Answer found = send(
                    "GET",
                    "/scim/v2/Users?filter="
                            + java.net.URLEncoder.encode(
                                    "userName eq \"" + u.userName + "\"", java.nio.charset.StandardCharsets.UTF_8),
                    null);
            JsonNode r = found.json == null ? null : found.json.path("Resources");
            if (found.status == 200 && r != null && r.size() == 1) {
                u.id = r.get(0).path("id").asText();
            } else {
                u.uncertain = true;
            }
        } else {
            u.uncertain = true;
        }
    }

    private void patchMembership(UserModel u, boolean add) {
        String op = add
                ? "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + u.id + "\"}]}"
                : "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u.id + "\\\"]\"}";
        Answer a = send(
                "PATCH",
                "/scim/v2/Groups/" + poolGroupIds.get(u.pool),
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + op + "]}");
        if (a.status / 100 == 2) {
            u.member = add;
        } else {
            u.uncertain = true;
        }
    }

    private void deactivate(UserModel u) {
        Answer a = send(
                "PATCH",
                "/scim/v2/Users/" + u.id,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        if (a.status / 100 == 2) {
            u.active = false;
        } else {
            u.uncertain = true;
        }
    }

    private void delete(UserModel u) {
        Answer a = send("DELETE", "/scim/v2/Users/" + u.id, null);
        if (a.status == 204 || (a.status == 404 && a.attempts > 1)) {
            u.deleted = true;
            u.member = false;
        } else {
            u.uncertain = true;
        }
    }

    /** An answer after retries; {@code status -1} = gave up. */
    record Answer(int status, JsonNode json, int attempts) {}

    /** One IdP request, retried like Okta/Entra do on 503/429/5xx and connection errors. */
    Answer send(String method, String path, String body) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int attempt = 0;
        long backoff = 100;
        while (true) {
            attempt++;
            sent.incrementAndGet();
            if (attempt > 1) {
                retried.incrementAndGet();
            }
            int status;
            String text = null;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/scim+json");
                b = body == null
                        ? b.method(method, HttpRequest.BodyPublishers.noBody())
                        : b.header("Content-Type", "application/scim+json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body));
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                text = r.body();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, null, attempt);
            }
            statuses.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger())
                    .incrementAndGet();
            boolean retry = status == -1 || status == 429 || status == 502 || status == 503 || status == 504;
            if (!retry) {
                if (status / 100 == 2) {
                    acknowledged.incrementAndGet();
                }
                JsonNode json = null;
                try {
                    json = text == null || text.isBlank() ? null : JSON.readTree(text);
                } catch (IOException notJson) {
                    // e.g. an HTML error page: the status is what matters
                }
                return new Answer(status, json, attempt);
            }
            if (System.nanoTime() - deadline > 0) {
                gaveUp.incrementAndGet();
                return new Answer(-1, null, attempt);
            }
            pause(Duration.ofMillis(backoff));
            backoff = Math.min(2000, backoff * 2);
        }
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis()); // client think time / backoff, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        if (clients != null) {
            clients.shutdownNow();
        }
    }
}
