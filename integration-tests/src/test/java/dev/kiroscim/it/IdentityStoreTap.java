package dev.kiroscim.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recording pass-through in front of the Identity Store emulator: every replica's SDK talks to it, it forwards to
 * moto and logs each call with its arrival time, its operation ({@code X-Amz-Target}) and which replica sent it
 * (each replica runs with its own AWS access key id, {@code AKIAREPLICA<n>}). The log is the emulator's view of the
 * cluster's call rate; {@link #killAfterNext} turns it into a crash-after-send fault: the call reaches the emulator
 * and takes effect, then the sending replica is killed before it hears the answer.
 */
final class IdentityStoreTap implements AutoCloseable {

    /** One call as the emulator saw it. */
    record Call(long atMillis, int replica, String operation, int status) {}

    static final Set<String> WRITES = Set.of(
            "CreateUser", "UpdateUser", "DeleteUser", "CreateGroup", "CreateGroupMembership", "DeleteGroupMembership");
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=AKIAREPLICA(\\d+)/");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final URI target;
    private final List<Call> calls = new ArrayList<>();
    private final AtomicReference<Arm> armed = new AtomicReference<>();

    private record Arm(Set<String> operations, IntConsumer killer) {}

    IdentityStoreTap(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The access key id replica {@code n} must use, so the tap can tell who called. */
    static String accessKeyOf(int replica) {
        return "AKIAREPLICA" + replica;
    }

    /**
     * The next successful call of one of {@code operations} is forwarded, takes effect, and then {@code killer}
     * gets the sending replica's number before the answer is returned (the replica never records the call).
     */
    void killAfterNext(Set<String> operations, IntConsumer killer) {
        armed.set(new Arm(operations, killer));
    }

    boolean armed() {
        return armed.get() != null;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The most calls that arrived in any window of {@code window} (sliding, from each call's arrival). */
    static int maxInWindow(List<Call> calls, Duration window) {
        List<Long> times = calls.stream().map(Call::atMillis).sorted().toList();
        int best = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= window.toMillis()) {
                start++;
            }
            best = Math.max(best, end - start + 1);
        }
        return best;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long at = System.currentTimeMillis();
            String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            operation = operation.substring(operation.lastIndexOf('.') + 1);
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher m = ACCESS_KEY.matcher(auth);
            int replica = m.find() ? Integer.parseInt(m.group(1)) : -1;
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!Set.of("host", "content-length", "connection", "expect", "transfer-encoding")
                        .contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            synchronized (this) {
                calls.add(new Call(at, replica, operation, response.statusCode()));
            }
            Arm arm = armed.get();
            if (arm != null
                    && response.statusCode() == 200
                    && arm.operations().contains(operation)
                    && armed.compareAndSet(arm, null)) {
                arm.killer().accept(replica);
            }
            response.headers().map().forEach((name, values) -> {
                if (!Set.of("content-length", "transfer-encoding", "connection", ":status")
                        .contains(name.toLowerCase())) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            exchange.sendResponseHeaders(
                    response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
