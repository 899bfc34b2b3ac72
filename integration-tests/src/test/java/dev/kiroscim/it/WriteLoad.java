package dev.kiroscim.it;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An IdP-shaped write load for crash and outage tests: {@code userClients} threads each create users one after
 * another ({@code POST /Users}, a new userName every time), and, when groups are given, one more thread adds
 * acknowledged users to them ({@code PATCH /Groups/{id}} add member). It records what the server acknowledged
 * (2xx) and what it answered otherwise, so that a test can check afterwards that every acknowledged write is there
 * ({@link AcknowledgedWrites}).
 *
 * <p>After a refusal (503, 429) or a broken connection a client pauses {@code backoffMillis} before its next request
 * (waiting on the stop signal, so {@link #stop()} is never delayed). The target is a supplier so that the load can
 * follow a server to a new port.
 *
 * <pre>{@code
 * WriteLoad load = WriteLoad.start(() -> RawHttp.to(server), server.token(), 4, List.of(groupId), 100);
 * ... kill the server, or stop its database ...
 * load.stop();
 * AcknowledgedWrites.of(load).assertAllPresent(server);
 * }</pre>
 */
public final class WriteLoad {

    /** A user the server acknowledged with 201. */
    public record AckedUser(String id, String userName) {}

    /** A membership the server acknowledged (2xx to the PATCH that added it). */
    public record AckedMembership(String groupId, String userId) {}

    private final Supplier<RawHttp> target;
    private final String authorization;
    private final List<String> groupIds;
    private final long backoffMillis;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final List<Thread> clients = new ArrayList<>();
    private final List<AckedUser> users = new CopyOnWriteArrayList<>();
    private final List<AckedMembership> memberships = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, ScimResponse> firstOfStatus = new ConcurrentHashMap<>();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final String prefix = "load-" + Bodies.unique();

    private WriteLoad(Supplier<RawHttp> target, String token, List<String> groupIds, long backoffMillis) {
        this.target = target;
        this.authorization = "Bearer " + token;
        this.groupIds = List.copyOf(groupIds);
        this.backoffMillis = backoffMillis;
    }

    /** Starts the clients at once. */
    public static WriteLoad start(
            Supplier<RawHttp> target, String token, int userClients, List<String> groupIds, long backoffMillis) {
        WriteLoad load = new WriteLoad(target, token, groupIds, backoffMillis);
        for (int c = 0; c < userClients; c++) {
            int client = c;
            load.clients.add(new Thread(() -> load.createUsers(client), "write-load-users-" + c));
        }
        if (!groupIds.isEmpty()) {
            load.clients.add(new Thread(load::addMembers, "write-load-members"));
        }
        load.clients.forEach(Thread::start);
        return load;
    }

    /** Signals the clients and waits for their last request to finish. */
    public void stop() {
        stopSignal.countDown();
        for (Thread t : clients) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public List<AckedUser> acknowledgedUsers() {
        return List.copyOf(users);
    }

    public List<AckedMembership> acknowledgedMemberships() {
        return List.copyOf(memberships);
    }

    /** How many answers of each status, plus -1 for requests that got no answer (connection refused or reset). */
    public Map<Integer, Integer> outcomes() {
        Map<Integer, Integer> out = new TreeMap<>();
        statuses.forEach((status, n) -> out.put(status, n.get()));
        if (transportErrors.get() > 0) {
            out.put(-1, transportErrors.get());
        }
        return out;
    }

    /** The first response seen with this status, if any (to check the body and headers of a 503). */
    public ScimResponse firstResponseWithStatus(int status) {
        return firstOfStatus.get(status);
    }

    public int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    @Override
    public String toString() {
        return "WriteLoad[" + users.size() + " users and " + memberships.size() + " memberships acknowledged; outcomes "
                + outcomes() + "]";
    }

    private boolean running() {
        return stopSignal.getCount() > 0;
    }

    private void createUsers(int client) {
        int n = 0;
        while (running()) {
            String userName = prefix + "-c" + client + "-" + (n++) + "@example.com";
            ScimResponse r = send("POST", "/Users", Bodies.user(userName).toString());
            if (r != null && r.status() == 201) {
                users.add(new AckedUser(r.json().path("id").asText(), userName));
            } else {
                backOff();
            }
        }
    }

    private void addMembers() {
        while (running()) {
            List<AckedUser> known = users;
            if (known.isEmpty()) {
                backOff();
                continue;
            }
            AckedUser user = known.get(ThreadLocalRandom.current().nextInt(known.size()));
            String groupId = groupIds.get(ThreadLocalRandom.current().nextInt(groupIds.size()));
            String patch = Bodies.patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":"
                            + Bodies.str(user.id()) + "}]}")
                    .toString();
            ScimResponse r = send("PATCH", "/Groups/" + groupId + "?excludedAttributes=members", patch);
            if (r != null && r.status() / 100 == 2) {
                memberships.add(new AckedMembership(groupId, user.id()));
            } else {
                backOff();
            }
        }
    }

    /** One request; null when no answer came (the server is dead or was killed mid-request). */
    private ScimResponse send(String method, String path, String body) {
        try {
            ScimResponse r = target.get()
                    .send(
                            method,
                            path,
                            body,
                            "Authorization",
                            authorization,
                            "Content-Type",
                            ScimClient.SCIM_JSON,
                            "Accept",
                            ScimClient.SCIM_JSON);
            statuses.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
            firstOfStatus.putIfAbsent(r.status(), r);
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            transportErrors.incrementAndGet();
            return null;
        }
    }

    private void backOff() {
        try {
            stopSignal.await(backoffMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
