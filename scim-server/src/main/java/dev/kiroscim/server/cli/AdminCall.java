package dev.kiroscim.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.server.scim.render.ScimJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --token}: run a CLI command against a running server's admin API instead of the database.
 * Non-200 answers become an {@link IllegalArgumentException} with the server's message.
 */
final class AdminCall {

    @Option(names = "--url", description = "Base URL of a running server, e.g. http://localhost:8080.")
    URI url;

    @Option(
            names = "--token",
            defaultValue = "${env:KIRO_SCIM_TOKEN}",
            description = "Admin-scope API token for --url (env KIRO_SCIM_TOKEN).")
    String token;

    boolean remote() {
        return url != null;
    }

    /** GET (body null) or POST (JSON body) a path such as {@code /admin/v1/usage?month=2026-11}; the body as text. */
    String send(String pathAndQuery, String jsonBody) throws Exception {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--url needs an admin token: --token or KIRO_SCIM_TOKEN");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(pathAndQuery))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token);
        request = jsonBody == null
                ? request.GET()
                : request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        // HTTP/1.1: the default client offers an h2c upgrade on http://, which the server never answers for a request
        // with a body (the POST then hangs until the server's read times out).
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String message = response.body();
            try {
                JsonNode body = ScimJson.MAPPER.readTree(response.body());
                message = body.path("message").asText(body.path("detail").asText(response.body()));
            } catch (Exception notJson) {
                // keep the raw body
            }
            throw new IllegalArgumentException(url + " answered " + response.statusCode() + ": " + message);
        }
        return response.body();
    }

    /**
     * Prints a report the server renders both ways: pretty JSON for {@code --format json}, else the server's CSV
     * (asked with {@code &format=csv}). Example: {@code printReport("/admin/v1/usage?month=2026-11", "csv")}.
     */
    void printReport(String pathAndQuery, String format) throws Exception {
        String body = send(pathAndQuery + (format.equals("json") ? "" : "&format=csv"), null);
        System.out.print(
                format.equals("json")
                        ? ScimJson.MAPPER
                                        .writerWithDefaultPrettyPrinter()
                                        .writeValueAsString(ScimJson.MAPPER.readTree(body))
                                + "\n"
                        : body);
    }

    JsonNode json(String pathAndQuery, String jsonBody) throws Exception {
        return ScimJson.MAPPER.readTree(send(pathAndQuery, jsonBody));
    }
}
