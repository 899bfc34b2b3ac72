package dev.kiroscim.it.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on a kept-alive socket, for requests no ordinary client sends: raw bytes in the
 * request target, control characters and odd values in headers, bodies that are not UTF-8. It writes exactly the
 * bytes of a {@link FuzzRequest} and reads one response (Content-Length, chunked, or until close).
 */
final class RawClient implements Closeable {

    /** One response; header names lower-cased. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_MS = 60_000;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    Response send(FuzzRequest request) throws IOException {
        byte[] bytes = request.toBytes(host + ":" + port);
        boolean fresh = connect();
        try {
            return exchange(bytes);
        } catch (StaleConnection e) {
            if (fresh) {
                throw new IOException("the server closed a new connection without answering", e);
            }
            close(); // a kept-alive connection the server had closed: nothing was processed, send once more
            connect();
            return exchange(bytes);
        }
    }

    private Response exchange(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new StaleConnection(e);
        }
        String statusLine = readLine(true);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
            close();
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, body);
    }

    private boolean connect() throws IOException {
        if (socket != null) {
            return false;
        }
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
        return true;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(false).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(false);
        }
    }

    /** One CRLF-terminated line; {@code first}: EOF before any byte means the server had closed the connection. */
    private String readLine(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                if (first && line.size() == 0) {
                    throw new StaleConnection(e);
                }
                throw e;
            }
            if (b < 0) {
                if (first && line.size() == 0) {
                    throw new StaleConnection(null);
                }
                throw new IOException("connection closed in the middle of a response");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a dead socket
            }
        }
        socket = null;
    }

    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super("connection closed by the server", cause);
        }
    }
}
