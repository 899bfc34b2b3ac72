package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end against the real jar: seat events reach a CloudEvents receiver (signed) and a Slack-format
 * receiver on loopback; while the CloudEvents receiver answers 500 the SCIM requests still succeed, the backlog shows
 * in {@code /admin/v1/notifications} and {@code /metrics}, and everything arrives once it recovers.
 */
class NotificationsEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90); // a retry after backoff, on a busy machine
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String SECRET = "e2e-webhook-secret";

    /** Received bodies, with the signature header, per path. */
    private record Hit(String path, String body, String signature, boolean accepted) {}

    @Test
    void seatEventsReachTheReceiversSignedAndNothingIsLostWhileOneIsDown(@TempDir Path dir) throws Exception {
        List<Hit> hits = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failing = new AtomicBoolean(false);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", x -> {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean accept = !(failing.get() && x.getRequestURI().getPath().equals("/ce"));
            hits.add(new Hit(
                    x.getRequestURI().getPath(),
                    new String(body, StandardCharsets.UTF_8),
                    x.getRequestHeaders().getFirst("X-Kiro-Signature-256"),
                    accept));
            x.sendResponseHeaders(accept ? 200 : 500, -1);
            x.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
        Path secret = Files.writeString(dir.resolve("ce-secret"), SECRET + "\n");
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String config = """
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                  - name: PRO_PLUS
                    identityCenterGroup: kiro-pro-plus
                    monthlyPriceUsd: 40
                pools:
                  - group: Kiro-Platform
                    tier: PRO_PLUS
                    seats: 1
                notifications:
                  - name: ce
                    url: %s/ce
                    secretFile: %s
                    events: [seat.]
                  - name: slack
                    url: %s/slack
                    events: [seat.waitlisted]
                    format: slack
                notificationRules:
                  maxAttempts: 50
                """.formatted(base, secret, base);
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(config))) {
            ScimClient scim = ScimClient.bearer(server);
            ObjectNode annBody = Bodies.user(Bodies.uniqueUserName("ann"));
            annBody.put("displayName", "Ann Example");
            ObjectNode bobBody = Bodies.user(Bodies.uniqueUserName("bob"));
            bobBody.put("displayName", "Bob Example");
            String ann = scim.createUser(annBody);
            String bob = scim.createUser(bobBody);
            String platform = scim.createGroup("Kiro-Platform", ann);
            addMember(scim, platform, bob);

            Poll.until(
                    "seat.assigned and seat.waitlisted at /ce, one message at /slack",
                    TIMEOUT,
                    POLL,
                    () -> List.copyOf(hits),
                    h -> accepted(h, "/ce").size() == 2 && accepted(h, "/slack").size() == 1);
            List<JsonNode> events = accepted(hits, "/ce");
            assertThat(events)
                    .extracting(e -> e.path("type").asText())
                    .containsExactly("dev.kiroscim.seat.assigned", "dev.kiroscim.seat.waitlisted");
            assertThat(events.get(1).path("subject").asText()).isEqualTo("user/" + bob);
            assertThat(events.get(1)
                            .path("data")
                            .path("details")
                            .path("position")
                            .asInt())
                    .isEqualTo(1);
            synchronized (hits) {
                hits.stream()
                        .filter(h -> h.path().equals("/ce"))
                        .forEach(h -> assertThat(h.signature()).isEqualTo(sign(h.body())));
            }
            JsonNode slack = Json.MAPPER.readTree(hits.stream()
                    .filter(h -> h.path().equals("/slack"))
                    .findFirst()
                    .orElseThrow()
                    .body());
            assertThat(slack.path("text").asText())
                    .isEqualTo("Bob Example is 1st in line for Kiro Pro+ (Kiro-Platform is full: 1/1)");
            assertThat(slack.path("blocks").get(0).path("text").path("type").asText())
                    .isEqualTo("mrkdwn");

            failing.set(true);
            scim.patch("/Groups/" + platform, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(ann)).expectStatus(200);
            Poll.until(
                    "a failed attempt at /ce",
                    TIMEOUT,
                    POLL,
                    () -> List.copyOf(hits),
                    h -> h.stream().anyMatch(x -> x.path().equals("/ce") && !x.accepted()));
            JsonNode status = scim.get(server.baseUri() + "/admin/v1/notifications")
                    .expectStatus(200)
                    .json();
            JsonNode ce = status.path("endpoints").get(0);
            assertThat(ce.path("name").asText()).isEqualTo("ce");
            assertThat(ce.path("target").asText())
                    .isEqualTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/…");
            assertThat(ce.path("pending").asInt()).isPositive();
            assertThat(scim.get(server.baseUri() + "/metrics").expectStatus(200).body())
                    .contains("kiro_notifications_pending{endpoint=\"ce\"}");

            failing.set(false);
            Poll.until(
                    "Ann's release and Bob's promotion at /ce",
                    TIMEOUT,
                    POLL,
                    () -> List.copyOf(hits),
                    h -> accepted(h, "/ce").size() == 4);
            List<String> types = accepted(hits, "/ce").stream()
                    .map(e -> e.path("type").asText().substring("dev.kiroscim.".length()))
                    .toList();
            assertThat(types.subList(2, 4)).containsExactlyInAnyOrder("seat.released", "seat.promoted");
            assertThat(accepted(hits, "/ce").stream()
                            .map(e -> e.path("id").asText())
                            .distinct())
                    .hasSize(4);
            JsonNode after = scim.get(server.baseUri() + "/admin/v1/notifications")
                    .expectStatus(200)
                    .json();
            assertThat(after.path("endpoints").get(0).path("pending").asInt()).isZero();
            assertThat(after.path("deadLetters").size()).isZero();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aDeadLetterIsListedInTheAdminApi_andARetrySendsIt(@TempDir Path dir) throws Exception {
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failing = new AtomicBoolean(true);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ce", x -> {
            try (InputStream in = x.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!failing.get()) {
                    delivered.add(body);
                }
            }
            x.sendResponseHeaders(failing.get() ? 500 : 200, -1);
            x.close();
        });
        receiver.start();
        Path secret = Files.writeString(dir.resolve("ce-secret"), SECRET + "\n");
        String config = """
                tiers:
                  - name: PRO
                    identityCenterGroup: kiro-pro
                    monthlyPriceUsd: 20
                pools:
                  - group: Kiro-Developers
                    tier: PRO
                notifications:
                  - name: ce
                    url: http://127.0.0.1:%d/ce
                    secretFile: %s
                    events: [seat.assigned]
                notificationRules:
                  maxAttempts: 1
                """.formatted(receiver.getAddress().getPort(), secret);
        try (KiroServer server = KiroServer.start(ServerOptions.on(Backend.H2).withConfigYaml(config))) {
            ScimClient scim = ScimClient.bearer(server);
            String ann = scim.createUser(Bodies.uniqueUserName("ann"));
            scim.createGroup("Kiro-Developers", ann);
            String notifications = server.baseUri() + "/admin/v1/notifications";

            JsonNode parked = Poll.until(
                    "seat.assigned is a dead letter after its one attempt",
                    TIMEOUT,
                    POLL,
                    () -> scim.get(notifications).expectStatus(200).json(),
                    n -> n.path("deadLetters").size() == 1);
            JsonNode letter = parked.path("deadLetters").get(0);
            assertThat(letter.path("endpoint").asText()).isEqualTo("ce");
            assertThat(letter.path("type").asText()).isEqualTo("seat.assigned");
            assertThat(letter.path("subject").asText()).isEqualTo("user/" + ann);
            assertThat(letter.path("attempts").asInt()).isEqualTo(1);
            assertThat(letter.path("lastError").asText()).contains("500");
            assertThat(parked.path("endpoints").get(0).path("deadLetters").asInt())
                    .isEqualTo(1);
            assertThat(scim.get(server.baseUri() + "/metrics").expectStatus(200).body())
                    .contains("kiro_notifications_dead_letters{endpoint=\"ce\"} 1");

            scim.post(notifications + "/retry?endpoint=nope", "").expectStatus(400);
            failing.set(false);
            JsonNode retried = scim.post(notifications + "/retry?endpoint=ce", "")
                    .expectStatus(200)
                    .json();
            assertThat(retried.path("requeued").asInt()).isEqualTo(1);
            Poll.until("the retried delivery arrives", TIMEOUT, POLL, () -> List.copyOf(delivered), d -> d.size() == 1);
            assertThat(Json.MAPPER.readTree(delivered.get(0)).path("type").asText())
                    .isEqualTo("dev.kiroscim.seat.assigned");
            JsonNode after = scim.get(notifications).expectStatus(200).json();
            assertThat(after.path("deadLetters").size()).isZero();
            assertThat(after.path("endpoints").get(0).path("pending").asInt()).isZero();
            assertThat(scim.get(server.baseUri() + "/admin/v1/audit", "type", "admin.action", "limit", "100")
                            .expectStatus(200)
                            .body())
                    .contains("notifications.retry");
        } finally {
            receiver.stop(0);
        }
    }

    private static void addMember(ScimClient scim, String group, String user) {
        scim.patch("/Groups/" + group, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(user)).expectStatus(200);
    }

    private static List<JsonNode> accepted(List<Hit> hits, String path) {
        List<JsonNode> out = new ArrayList<>();
        synchronized (hits) {
            for (Hit h : hits) {
                if (h.accepted() && h.path().equals(path)) {
                    try {
                        out.add(Json.MAPPER.readTree(h.body()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
        return out;
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
