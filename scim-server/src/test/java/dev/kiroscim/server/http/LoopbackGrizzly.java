package dev.kiroscim.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.render.ScimJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A Grizzly server on 127.0.0.1 (an ephemeral port) with the edge installed as {@code BridgeServer} installs it
 * ({@link MalformedUriGuard}, Grizzly's head limits, {@link OversizedHeadResponses}), for what only a real
 * connection shows: the TCP peer's address and the requests Jersey never sees. Spoken to over a raw socket, since
 * an HTTP client library would refuse to send most of those requests.
 */
final class LoopbackGrizzly implements AutoCloseable {

    private final HttpServer http;
    private final int port;

    private LoopbackGrizzly(HttpServer http, int port) {
        this.http = http;
        this.port = port;
    }

    static LoopbackGrizzly start(ResourceConfig rc) throws IOException {
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), rc, false);
        MalformedUriGuard.install(http);
        for (NetworkListener listener : http.getListeners()) {
            listener.setMaxHttpHeaderSize(RequestHeadLimits.TRANSPORT_MAX_HEAD_BYTES);
            listener.setMaxRequestHeaders(RequestHeadLimits.TRANSPORT_MAX_HEADER_COUNT);
        }
        http.start();
        int port = 0;
        for (NetworkListener listener : http.getListeners()) {
            OversizedHeadResponses.install(listener, http.getServerConfiguration());
            port = listener.getPort();
        }
        return new LoopbackGrizzly(http, port);
    }

    /** Status, lower-cased headers and body of one raw exchange. */
    record Raw(int status, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return ScimJson.MAPPER.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A {@code GET} request head with {@code Connection: close} and the given header lines. */
    static String get(String target, String... headerLines) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + Stream.of(headerLines).map(h -> h + "\r\n").collect(Collectors.joining()) + "\r\n";
    }

    /** Sends {@code head} on a new connection and reads one response. */
    Raw exchange(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF has been seen
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Raw(status, headers, in.readNBytes(length));
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
