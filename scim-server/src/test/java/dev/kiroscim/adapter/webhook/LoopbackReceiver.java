package dev.kiroscim.adapter.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (headers and body) and answers as its current
 * {@link Mode} says — 200, 500 with {@code Retry-After}, or too late (it sleeps past the sender's read timeout).
 */
final class LoopbackReceiver implements AutoCloseable {

    enum Mode {
        ACCEPT,
        FAIL_500,
        TOO_SLOW
    }

    /** One request as received, and whether it was answered 2xx. */
    record Received(Map<String, List<String>> headers, byte[] body, boolean accepted) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;
    private final long slowMillis;

    LoopbackReceiver(long slowMillis) throws IOException {
        this.slowMillis = slowMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Mode now = mode;
            if (now == Mode.TOO_SLOW) {
                sleep();
            }
            boolean accepted = now == Mode.ACCEPT;
            synchronized (received) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, accepted));
            }
            if (now == Mode.FAIL_500) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            int status = accepted ? 200 : now == Mode.FAIL_500 ? 500 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(
                java.util.concurrent.Executors.newCachedThreadPool()); // no queueing: the mode at arrival decides
        server.start();
    }

    private void sleep() {
        try {
            Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
