package dev.kiroscim.it.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request as bytes on the wire, and what it aims at so that the state can be compared afterwards.
 *
 * @param shape    the fixture shape it was mutated from, e.g. {@code okta-create-user}
 * @param method   the HTTP method
 * @param target   the request target, raw (already percent-encoded, possibly with invalid bytes), ISO-8859-1
 * @param headers  header lines {@code Name: value} (without Host and Content-Length, which are added)
 * @param body     the body bytes, or null for none
 * @param targetId the pool resource it addresses (PUT/PATCH/DELETE), or null
 * @param kind     {@code Users}, {@code Groups} or null (discovery)
 * @param mutations what was changed, for the failure report
 */
record FuzzRequest(
        String shape,
        String method,
        String target,
        List<String> headers,
        byte[] body,
        String targetId,
        String kind,
        List<String> mutations) {

    FuzzRequest {
        headers = List.copyOf(headers);
        mutations = List.copyOf(mutations);
    }

    boolean writes() {
        return !method.equals("GET") && !target.contains("/.search");
    }

    /** Bytes of the request line and headers, which Grizzly caps at 64 KiB before closing the connection. */
    int headLength() {
        int length = method.length() + target.length() + 12;
        for (String header : headers) {
            length += header.length() + 2;
        }
        return length;
    }

    byte[] toBytes(String hostAndPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostAndPort).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Printable, with control characters and long runs shown escaped/abridged, for a failure message. */
    String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("shape: " + shape + ", mutations: " + mutations);
        lines.add(printable(method + " " + target, 3000));
        headers.forEach(h -> lines.add(printable(h, 500)));
        if (body != null) {
            lines.add("body (" + body.length + " bytes): " + printable(new String(body, StandardCharsets.UTF_8), 3000));
        }
        return String.join("\n  ", lines);
    }

    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || (c >= 0x80 && c < 0xA0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= max) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
