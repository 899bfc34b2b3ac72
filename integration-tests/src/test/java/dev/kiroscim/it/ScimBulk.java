package dev.kiroscim.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Many users over SCIM quickly: concurrent POSTs, as an IdP's first push would send them. */
public final class ScimBulk {

    private static final int CONCURRENCY = 8;

    private ScimBulk() {}

    /** An Okta-style user with the given names (display name "given family"). */
    public static ObjectNode person(String userName, String given, String family) {
        ObjectNode body = Bodies.user(userName);
        ((ObjectNode) body.path("name")).put("givenName", given).put("familyName", family);
        body.put("displayName", given + " " + family);
        return body;
    }

    /** POSTs {@code body(0..count-1)} 8 at a time; returns the ids in order; fails on any answer but 201. */
    public static List<String> users(KiroServer server, int count, IntFunction<ObjectNode> body) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String json = body.apply(i).toString();
                ids.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(URI.create(server.scimUri() + "/Users"))
                                    .header("Authorization", "Bearer " + server.token())
                                    .header("Content-Type", ScimClient.SCIM_JSON)
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        throw new AssertionError("bulk POST answered " + r.statusCode() + ": " + r.body());
                    }
                    return Json.parse(r.body()).path("id").asText();
                }));
            }
            List<String> out = new ArrayList<>(count);
            for (Future<String> f : ids) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
