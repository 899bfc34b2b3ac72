package dev.kiroscim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Byte-exact requests: the path and query go on the wire as written ({@code +} stays {@code +}, {@code %22} stays
 * {@code %22}) and only the headers given are sent (no default {@code Accept}), so a test can replay what Entra's
 * Test Connection or Okta's client really send. {@link ScimClient} is for everything else.
 *
 * <pre>{@code
 * RawHttp raw = RawHttp.to(server);
 * raw.send("GET", "/Users?filter=userName+eq+%22a%40b.c%22", null, "Authorization", "Bearer " + server.token());
 * }</pre>
 */
public final class RawHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI scimUri;

    private RawHttp(URI scimUri) {
        this.scimUri = scimUri;
    }

    public static RawHttp to(KiroServer server) {
        return new RawHttp(server.scimUri());
    }

    /**
     * Sends {@code method scimUri+pathAndQuery} with exactly {@code headers} (name, value, name, value…) and an
     * optional body; {@code pathAndQuery} may also be an absolute URL.
     */
    public ScimResponse send(String method, String pathAndQuery, String body, String... headers) {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : scimUri + pathAndQuery;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        builder.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response =
                    CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> responseHeaders = response.headers().map();
            return new ScimResponse(method, url, body, response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
