package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Predicate;

/** The seat side of the admin API of one server: {@code /admin/v1/seats} and {@code /admin/v1/entitlements}. */
final class SeatsAdmin {

    private final KiroServer server;
    private final ScimClient client;

    SeatsAdmin(KiroServer server) {
        this.server = server;
        this.client = ScimClient.bearer(server);
    }

    JsonNode seats() {
        return client.get(server.baseUri() + "/admin/v1/seats")
                .expectStatus(200)
                .json();
    }

    /** The {@code pools[]} entry of the pool for {@code group}. */
    JsonNode pool(String group) {
        for (JsonNode pool : seats().path("pools")) {
            if (pool.path("group").asText().equalsIgnoreCase(group)) {
                return pool;
            }
        }
        throw new AssertionError("no pool " + group + " in " + seats());
    }

    /** {@code "assigned/waitlisted"} of a pool, e.g. {@code "1/2"}, for compact assertions. */
    String use(String group) {
        JsonNode pool = pool(group);
        return pool.path("assigned").asInt() + "/" + pool.path("waitlisted").asInt();
    }

    JsonNode entitlement(String userId) {
        return client.get(server.baseUri() + "/admin/v1/entitlements/" + userId)
                .expectStatus(200)
                .json();
    }

    /** {@code "STATE TIER POOL"}, e.g. {@code "ASSIGNED PRO_PLUS Okta-Platform"} or {@code "WAITLISTED - -"}. */
    String state(String userId) {
        JsonNode e = entitlement(userId);
        return e.path("state").asText() + " " + text(e, "tier") + " " + text(e, "pool");
    }

    /** {@code "Okta-Platform#1"} per waitlist entry, comma-separated. */
    String waitlist(String userId) {
        StringBuilder out = new StringBuilder();
        for (JsonNode w : entitlement(userId).path("waitlist")) {
            out.append(out.length() == 0 ? "" : ",")
                    .append(w.path("pool").asText())
                    .append('#')
                    .append(w.path("position").asInt());
        }
        return out.toString();
    }

    /** Polls until the user's entitlement satisfies {@code condition}; returns it. No sleeping: each poll is a request. */
    JsonNode awaitEntitlement(String userId, Duration timeout, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = entitlement(userId);
        while (!condition.test(last)) {
            assertThat(System.nanoTime())
                    .as("entitlement of %s within %s, last %s", userId, timeout, last)
                    .isLessThan(deadline);
            last = entitlement(userId);
        }
        return last;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode()
                ? "-"
                : node.path(field).asText();
    }
}
