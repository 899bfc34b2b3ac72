package dev.kiroscim.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationDeadLetter;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.NotificationRouting;
import dev.kiroscim.core.notify.PeopleAndPools;
import dev.kiroscim.core.notify.WebhookSignature;
import dev.kiroscim.core.notify.service.NotificationDelivery;
import dev.kiroscim.core.sync.engine.RetryPolicy;
import dev.kiroscim.core.testsupport.MutableClock;
import dev.kiroscim.persistence.Database;
import dev.kiroscim.persistence.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit events → outbox → worker → HTTP → a receiver on loopback, on a real (H2) database: signatures, CloudEvents
 * attributes, order per subject, and no loss while the receiver fails (500) or hangs (timeout) for a while. The clock
 * is moved by hand, so retries fall due without waiting.
 */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private Database db;
    private LoopbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(TestDatabase.h2("webhooks"));
        receiver = new LoopbackReceiver(1_500);
    }

    @AfterEach
    void stop() {
        receiver.close();
        db.close();
    }

    /** With a 300 ms read timeout, so that the receiver's {@code TOO_SLOW} answers time out quickly. */
    private NotificationDelivery worker(int maxAttempts) throws Exception {
        return worker(maxAttempts, Duration.ofMillis(300));
    }

    private NotificationDelivery worker(int maxAttempts, Duration readTimeout) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), new String(SECRET, StandardCharsets.UTF_8) + "\n");
        NotificationEndpoint endpoint = new NotificationEndpoint(
                "itsm",
                receiver.url(),
                new EventSelector(List.of("seat.", "token.created")),
                NotificationFormat.CLOUDEVENTS,
                AddressRanges.ANY);
        NotificationRouting routing = new NotificationRouting(List.of(endpoint));
        db.routeNotifications(routing);
        HttpWebhookSender sender =
                new HttpWebhookSender(new SecretFiles(Map.of("itsm", secret)), Duration.ofSeconds(2), readTimeout);
        return new NotificationDelivery(
                db,
                routing,
                sender,
                PeopleAndPools.NONE,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), maxAttempts),
                Duration.ofMillis(50),
                clock,
                "w1");
    }

    private void audit(AuditEntry entry) {
        db.write(tx -> {
            tx.audit().append(new ChangeContext("okta", "r-" + UUID.randomUUID(), clock.instant()), entry);
            return null;
        });
    }

    /** Rounds until nothing is claimable, moving the clock a minute after each round so that retries fall due. */
    private void drain(NotificationDelivery worker, int rounds) {
        for (int i = 0; i < rounds; i++) {
            worker.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void everyEventArrivesSignedOnceAndInOrderPerSubjectAfterTheReceiverFailsAndHangs() throws Exception {
        NotificationDelivery worker = worker(100);
        List<AuditSubject> users = List.of(
                AuditSubject.user("u-ann", "ann@example.com"),
                AuditSubject.user("u-bob", "bob@example.com"),
                AuditSubject.user("u-cid", "cid@example.com"));
        Map<String, List<String>> expectedPerSubject = new LinkedHashMap<>();
        receiver.mode(LoopbackReceiver.Mode.FAIL_500);
        for (int round = 0; round < 4; round++) {
            for (AuditSubject u : users) {
                audit(AuditEvents.seatWaitlisted(u, "Kiro-Platform", "PRO_PLUS", "round " + round)
                        .with("position", round + 1));
            }
        }
        audit(AuditEvents.tokenCreated("okta", "scim"));
        audit(AuditEvents.authFailed("10.0.0.7", "unknown token", 0)); // not selected: never sent

        drain(worker, 3); // the receiver answers 500 with Retry-After
        receiver.mode(LoopbackReceiver.Mode.TOO_SLOW);
        drain(worker, 2); // then it hangs past the 300 ms read timeout
        assertThat(receiver.received()).isNotEmpty().noneMatch(LoopbackReceiver.Received::accepted);
        receiver.mode(LoopbackReceiver.Mode.ACCEPT);
        drain(worker, 8); // recovered: one head per subject per round

        List<JsonNode> accepted = new ArrayList<>();
        for (LoopbackReceiver.Received r : receiver.received()) {
            assertThat(WebhookSignature.verify(SECRET, r.body(), r.header(WebhookSignature.HEADER)))
                    .as("signature over the body with the file's secret (newline removed)")
                    .isTrue();
            assertThat(r.header("Content-Type")).isEqualTo("application/cloudevents+json");
            if (r.accepted()) {
                JsonNode ce = JSON.readTree(r.body());
                assertThat(r.header(WebhookSignature.EVENT_ID_HEADER))
                        .isEqualTo(ce.path("id").asText());
                accepted.add(ce);
            }
        }
        List<Map<String, Object>> log = db.read(tx -> tx.audit().after(0, 100)).stream()
                .filter(e -> !e.type().equals("auth.failed"))
                .map(e -> Map.<String, Object>of(
                        "id",
                        e.hash(),
                        "seq",
                        e.seq(),
                        "subject",
                        e.subject().kind() + "/" + e.subject().id()))
                .toList();
        for (Map<String, Object> e : log) {
            expectedPerSubject
                    .computeIfAbsent((String) e.get("subject"), k -> new ArrayList<>())
                    .add((String) e.get("id"));
        }

        Map<String, Integer> timesPerId = new HashMap<>();
        Map<String, List<String>> arrivedPerSubject = new LinkedHashMap<>();
        for (JsonNode ce : accepted) {
            timesPerId.merge(ce.path("id").asText(), 1, Integer::sum);
            arrivedPerSubject
                    .computeIfAbsent(ce.path("subject").asText(), k -> new ArrayList<>())
                    .add(ce.path("id").asText());
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("source").asText()).isEqualTo("/kiro-scim-bridge");
            assertThat(ce.path("type").asText())
                    .isEqualTo("dev.kiroscim." + ce.path("data").path("type").asText());
            assertThat(ce.path("time").asText())
                    .isEqualTo("2026-12-01T09:00:00Z")
                    .isEqualTo(ce.path("data").path("at").asText());
            assertThat(ce.path("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(ce.path("data").path("seq").asLong()).isPositive();
        }
        assertThat(timesPerId)
                .as("every event once per id")
                .hasSize(13)
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(arrivedPerSubject).as("audit order per subject").isEqualTo(expectedPerSubject);
        assertThat(db.<List<dev.kiroscim.core.notify.NotificationBacklog>>read(
                        tx -> tx.notifications().backlog()))
                .allSatisfy(b -> {
                    assertThat(b.pending()).isZero();
                    assertThat(b.deadLetters()).isZero();
                });
    }

    @Test
    void aReceiverThatNeverRecoversGivesDeadLettersThatARetryDelivers() throws Exception {
        NotificationDelivery worker = worker(3);
        AuditSubject ann = AuditSubject.user("u-ann", "ann@example.com");
        receiver.mode(LoopbackReceiver.Mode.FAIL_500);
        audit(AuditEvents.seatWaitlisted(ann, "Kiro-Platform", "PRO_PLUS", "full")
                .with("position", 3));
        audit(AuditEvents.seatPromoted(ann, "Kiro-Platform", "PRO_PLUS", "first in line"));
        drain(worker, 5);

        List<NotificationDeadLetter> dead = db.read(tx -> tx.notifications().deadLetters(10));
        assertThat(dead)
                .extracting(NotificationDeadLetter::eventType)
                .containsExactly("seat.waitlisted", "seat.promoted");
        assertThat(dead.get(0).attempts()).isEqualTo(3);
        assertThat(dead.get(0).lastError()).isEqualTo("HTTP 500: receiver answered 500");
        assertThat(receiver.received()).hasSize(3).noneMatch(LoopbackReceiver.Received::accepted);

        receiver.mode(LoopbackReceiver.Mode.ACCEPT);
        assertThat(db.<Integer>write(tx -> tx.notifications().requeueDeadLetters(null, clock.instant())))
                .isEqualTo(2);
        drain(worker, 3);
        List<String> types = new ArrayList<>();
        for (LoopbackReceiver.Received r : receiver.received()) {
            if (r.accepted()) {
                types.add(JSON.readTree(r.body()).path("data").path("type").asText());
            }
        }
        assertThat(types).containsExactly("seat.waitlisted", "seat.promoted");
    }

    @Test
    void aFailedDeliveryIsNotRetriedBeforeTheReceiversRetryAfter() throws Exception {
        // a 500 answered later than 300 ms on a busy machine would be a timeout, without Retry-After: wait longer
        NotificationDelivery worker = worker(10, Duration.ofSeconds(5));
        receiver.mode(LoopbackReceiver.Mode.FAIL_500); // answers Retry-After: 7
        audit(AuditEvents.tokenCreated("okta", "scim"));
        assertThat(worker.runOnce()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(6));
        assertThat(worker.runOnce()).as("6 s later: not due yet").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.runOnce()).as("7 s later: due").isEqualTo(1);
        assertThat(receiver.received()).hasSize(2);
    }
}
