package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.audit.AuditEntry;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.Delivery;
import dev.kiroscim.core.notify.EventSelector;
import dev.kiroscim.core.notify.NotificationBacklog;
import dev.kiroscim.core.notify.NotificationEndpoint;
import dev.kiroscim.core.notify.NotificationFormat;
import dev.kiroscim.core.notify.NotificationOutbox;
import dev.kiroscim.core.notify.NotificationRouting;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The notification outbox on a real database (H2 and PostgreSQL): queued with the audit event in its transaction,
 * claimed one head per (endpoint, subject), retried, parked and requeued.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationOutboxContract {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final AuditSubject ANN = AuditSubject.user("u-ann", "ann@example.com");
    private static final AuditSubject BOB = AuditSubject.user("u-bob", "bob@example.com");

    private Database db;

    abstract DatabaseConfig config();

    @BeforeAll
    void open() {
        db = Database.open(config());
        db.routeNotifications(
                new NotificationRouting(List.of(endpoint("seats", "seat."), endpoint("tokens", "token.created"))));
    }

    @BeforeEach
    void empty() throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("delete from notify_outbox");
            s.executeUpdate("delete from notify_mark");
            c.commit();
        }
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static NotificationEndpoint endpoint(String name, String... patterns) {
        return new NotificationEndpoint(
                name,
                URI.create("http://127.0.0.1:9/" + name),
                new EventSelector(List.of(patterns)),
                NotificationFormat.CLOUDEVENTS,
                AddressRanges.ANY);
    }

    private void audit(AuditEntry... entries) {
        db.write(tx -> {
            for (AuditEntry e : entries) {
                tx.audit().append(new ChangeContext("okta", "r-1", NOW), e);
            }
            return null;
        });
    }

    private List<Delivery> claim(Instant at, String worker) {
        return db.write(tx -> tx.notifications().claim(10, at, NotificationOutbox.DEFAULT_LEASE, worker));
    }

    @Test
    void queuesEachEventForTheEndpointsThatSelectItInItsTransaction() {
        audit(
                AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "full")
                        .with("position", 3),
                AuditEvents.tokenCreated("okta", "scim"),
                AuditEvents.tokenRevoked("old"),
                AuditEvents.authFailed("10.0.0.7", "unknown token", 0));
        assertThatThrownBy(() -> db.write(tx -> {
                    tx.audit()
                            .append(
                                    new ChangeContext("okta", "r-2", NOW),
                                    AuditEvents.seatAssigned(BOB, "Kiro-Developers", "PRO", "free"));
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");

        List<Delivery> claimed = claim(NOW, "w1");
        assertThat(claimed).extracting(Delivery::endpoint).containsExactly("seats", "tokens");
        Delivery seat = claimed.get(0);
        assertThat(seat.event().type()).isEqualTo("seat.waitlisted");
        assertThat(seat.event().details()).containsEntry("position", 3L);
        assertThat(seat.event().subject()).isEqualTo(ANN);
        assertThat(claimed.get(1).event().subject().name()).isEqualTo("okta");
    }

    @Test
    void onlyTheOldestPendingDeliveryOfASubjectIsClaimedSoItsEventsGoOutInOrder() {
        audit(
                AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "full"),
                AuditEvents.seatAssigned(BOB, "Kiro-Developers", "PRO", "free"));
        audit(AuditEvents.seatPromoted(ANN, "Kiro-Platform", "PRO_PLUS", "first in line"));

        List<Delivery> first = claim(NOW, "w1");
        assertThat(first).extracting(d -> d.event().type()).containsExactly("seat.waitlisted", "seat.assigned");
        assertThat(claim(NOW, "w2")).as("leased heads are not claimed twice").isEmpty();

        Delivery annHead = first.get(0);
        assertThat(db.<Boolean>write(tx -> tx.notifications().delivered(annHead.id(), "w2", annHead.claimVersion())))
                .as("another worker's claim")
                .isFalse();
        assertThat(db.<Boolean>write(tx -> tx.notifications().delivered(annHead.id(), "w1", annHead.claimVersion())))
                .isTrue();
        assertThat(claim(NOW, "w1")).extracting(d -> d.event().type()).containsExactly("seat.promoted");
    }

    @Test
    void aFailedHeadWaitsForItsRetryAndHoldsBackItsSubject() {
        audit(AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "full"));
        audit(AuditEvents.seatPromoted(ANN, "Kiro-Platform", "PRO_PLUS", "first in line"));
        Delivery head = claim(NOW, "w1").get(0);
        db.write(tx -> {
            tx.notifications().retryLater(head.id(), 1, NOW.plusSeconds(30), "HTTP 500: boom");
            return null;
        });
        assertThat(claim(NOW.plusSeconds(29), "w1")).isEmpty();
        List<Delivery> again = claim(NOW.plusSeconds(30), "w1");
        assertThat(again).extracting(Delivery::id).containsExactly(head.id());
        assertThat(again.get(0).attempts()).isEqualTo(1);
        assertThat(again.get(0).claimVersion()).isGreaterThan(head.claimVersion());
    }

    @Test
    void aDeadLetterParksItsSubjectInOrderUntilRequeued() {
        audit(
                AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "full"),
                AuditEvents.seatAssigned(BOB, "Kiro-Developers", "PRO", "free"));
        audit(AuditEvents.seatPromoted(ANN, "Kiro-Platform", "PRO_PLUS", "first in line"));
        Delivery annHead = claim(NOW, "w1").stream()
                .filter(d -> d.event().subject().equals(ANN))
                .findFirst()
                .orElseThrow();
        db.write(tx -> {
            tx.notifications().deadLetter(annHead.id(), 8, "HTTP 500: boom", NOW);
            return null;
        });
        assertThat(db.<List<dev.kiroscim.core.notify.NotificationDeadLetter>>read(
                        tx -> tx.notifications().deadLetters(10)))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.lastError()).isEqualTo("HTTP 500: boom"))
                .extracting(d -> d.eventType())
                .containsExactly("seat.waitlisted", "seat.promoted");
        List<NotificationBacklog> backlog =
                db.<List<NotificationBacklog>>read(tx -> tx.notifications().backlog());
        assertThat(backlog).singleElement().satisfies(b -> {
            assertThat(b.endpoint()).isEqualTo("seats");
            assertThat(b.pending()).isEqualTo(1); // Bob's, still leased
            assertThat(b.deadLetters()).isEqualTo(2);
            assertThat(b.oldestPending()).isPresent();
        });

        assertThat(db.<Integer>write(tx -> tx.notifications().requeueDeadLetters("tokens", NOW)))
                .isZero();
        assertThat(db.<Integer>write(tx -> tx.notifications().requeueDeadLetters(null, NOW)))
                .isEqualTo(2);
        assertThat(claim(NOW.plus(Duration.ofMinutes(5)), "w1"))
                .extracting(d -> d.event().type())
                .containsExactly("seat.waitlisted", "seat.assigned");
    }

    /**
     * Two replicas claiming at the same moment take disjoint heads: while one claim's transaction still holds Ann's head
     * locked, the other skips it (PostgreSQL {@code SKIP LOCKED}) and takes Bob's, without waiting.
     */
    void concurrentClaimsTakeDisjointHeads() throws Exception {
        audit(
                AuditEvents.seatWaitlisted(ANN, "Kiro-Platform", "PRO_PLUS", "full"),
                AuditEvents.seatAssigned(BOB, "Kiro-Developers", "PRO", "free"));
        java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<List<Delivery>> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> db.write(tx -> {
                    List<Delivery> mine =
                            tx.notifications().claim(1, NOW, NotificationOutbox.DEFAULT_LEASE, "replica-1");
                    claimed.countDown();
                    try {
                        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return mine;
                }));
        assertThat(claimed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<Delivery> second = claim(NOW, "replica-2");
        release.countDown();
        List<Delivery> firstClaimed = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(firstClaimed).extracting(d -> d.event().subject()).containsExactly(ANN);
        assertThat(second).extracting(d -> d.event().subject()).containsExactly(BOB);
    }

    @Test
    void marksRememberRaisedDerivedEvents() {
        db.write(tx -> {
            tx.notificationMarks().put("pool.nearlyFull:Kiro-Platform", NOW);
            tx.notificationMarks().put("grant.expiringSoon:u-ann:Kiro-Platform:1", NOW.minus(Duration.ofDays(90)));
            tx.notificationMarks().put("grant.expiringSoon:u-bob:Kiro-Platform:2", NOW);
            return null;
        });
        db.write(tx -> {
            tx.notificationMarks().put("pool.nearlyFull:Kiro-Platform", NOW.plusSeconds(1)); // idempotent
            return null;
        });
        assertThat(db.<Integer>write(tx ->
                        tx.notificationMarks().removeOlderThan("grant.expiringSoon:", NOW.minus(Duration.ofDays(60)))))
                .isEqualTo(1);
        assertThat(db.<Boolean>read(tx -> tx.notificationMarks().has("pool.nearlyFull:Kiro-Platform")))
                .isTrue();
        assertThat(db.<Boolean>read(tx -> tx.notificationMarks().has("grant.expiringSoon:u-ann:Kiro-Platform:1")))
                .isFalse();
        assertThat(db.<Boolean>read(tx -> tx.notificationMarks().has("grant.expiringSoon:u-bob:Kiro-Platform:2")))
                .isTrue();
        db.write(tx -> {
            tx.notificationMarks().remove("pool.nearlyFull:Kiro-Platform");
            return null;
        });
        assertThat(db.<Boolean>read(tx -> tx.notificationMarks().has("pool.nearlyFull:Kiro-Platform")))
                .isFalse();
    }
}
