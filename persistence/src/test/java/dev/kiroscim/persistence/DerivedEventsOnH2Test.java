package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.auth.ApiToken;
import dev.kiroscim.core.auth.Scope;
import dev.kiroscim.core.net.AddressRanges;
import dev.kiroscim.core.notify.DerivedEventRules;
import dev.kiroscim.core.notify.service.DerivedEvents;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.seats.SeatOverview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The derived-events job on a real database: each condition is audited once, with its mark, and re-armed pools fire again. */
class DerivedEventsOnH2Test {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private Database db;
    private final AtomicInteger platformHolders = new AtomicInteger(17);
    private DerivedEvents job;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabase.h2("derived"));
        job = new DerivedEvents(
                db,
                () -> List.of(
                        new SeatOverview.PoolUse(
                                "Kiro-Platform", "PRO_PLUS", OptionalInt.of(20), platformHolders.get(), 2),
                        new SeatOverview.PoolUse("Kiro-Everyone", "PRO", OptionalInt.empty(), 900, 0)),
                DerivedEventRules.DEFAULT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<AuditEvent> events() {
        return db.read(tx -> tx.audit().after(0, 100));
    }

    @Test
    void poolNearlyFullIsAuditedOncePerCrossing() {
        assertThat(job.runOnce(NOW)).isZero();
        platformHolders.set(18);
        assertThat(job.runOnce(NOW)).isEqualTo(1);
        assertThat(job.runOnce(NOW.plusSeconds(60))).as("still above: quiet").isZero();
        platformHolders.set(15);
        assertThat(job.runOnce(NOW.plusSeconds(120)))
                .as("75% re-arms, writes nothing")
                .isZero();
        platformHolders.set(19);
        assertThat(job.runOnce(NOW.plusSeconds(180))).isEqualTo(1);
        assertThat(events()).extracting(AuditEvent::type).containsExactly("pool.nearlyFull", "pool.nearlyFull");
        assertThat(events().get(0).details())
                .containsEntry("assigned", 18L)
                .containsEntry("seats", 20L)
                .containsEntry("waitlisted", 2L)
                .containsEntry("thresholdPercent", 90L)
                .containsEntry("tier", "PRO_PLUS");
        assertThat(events().get(0).subject().kind()).isEqualTo("pool");
        assertThat(events().get(0).actor()).isEqualTo("system");
    }

    @Test
    void tokensExpiringWithinTheWindowAreAuditedOncePerExpiry() {
        db.write(tx -> {
            tx.tokens()
                    .insert(new ApiToken(
                            "okta",
                            "h1",
                            Scope.SCIM,
                            NOW.minus(Duration.ofDays(80)),
                            NOW.plus(Duration.ofDays(10)),
                            AddressRanges.ANY,
                            null,
                            null));
            tx.tokens()
                    .insert(new ApiToken(
                            "later",
                            "h2",
                            Scope.ADMIN,
                            NOW,
                            NOW.plus(Duration.ofDays(30)),
                            AddressRanges.ANY,
                            null,
                            null));
            tx.tokens().insert(new ApiToken("never", "h3", Scope.ADMIN, NOW, null, AddressRanges.ANY, null, null));
            return null;
        });
        platformHolders.set(0);
        assertThat(job.runOnce(NOW)).isEqualTo(1);
        assertThat(job.runOnce(NOW.plus(Duration.ofDays(1)))).isZero();
        List<AuditEvent> events = events();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("token.expiringSoon");
            assertThat(e.subject().name()).isEqualTo("okta");
            assertThat(e.details())
                    .containsEntry("daysLeft", 10L)
                    .containsEntry("scope", "scim")
                    .containsEntry("expires", NOW.plus(Duration.ofDays(10)).toString());
        });
        assertThat(job.runOnce(NOW.plus(Duration.ofDays(17))))
                .as("'later' is now 13 days away")
                .isEqualTo(1);
    }

    @Test
    void grantsEndingWithinTheWindowAreAuditedOnce() {
        db.write(tx -> {
            tx.seats()
                    .assign(new Seat(
                            "u-ann",
                            "Kiro-Contractors",
                            "PRO",
                            NOW.minus(Duration.ofDays(80)),
                            Optional.of(NOW.plus(Duration.ofDays(3)))));
            tx.seats()
                    .assign(new Seat(
                            "u-bob", "Kiro-Contractors", "PRO", NOW, Optional.of(NOW.plus(Duration.ofDays(60)))));
            return null;
        });
        platformHolders.set(0);
        assertThat(job.runOnce(NOW)).isEqualTo(1);
        assertThat(job.runOnce(NOW.plusSeconds(60))).isZero();
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("grant.expiringSoon");
            assertThat(e.subject().id()).isEqualTo("u-ann");
            assertThat(e.details()).containsEntry("pool", "Kiro-Contractors").containsEntry("daysLeft", 3L);
        });
    }

    @Test
    void theDownstreamTokenExpiringWithinTheWindowIsAuditedOncePerExpiry() {
        Instant expires = Instant.parse("2026-12-10T00:00:00Z");
        platformHolders.set(0);
        DerivedEvents withDownstream = new DerivedEvents(db, List::of, DerivedEventRules.DEFAULT, Optional.of(expires));
        assertThat(withDownstream.runOnce(NOW.minus(Duration.ofDays(10))))
                .as("19 days away: outside the 14-day window")
                .isZero();
        assertThat(withDownstream.runOnce(NOW)).isEqualTo(1);
        assertThat(withDownstream.runOnce(NOW.plus(Duration.ofDays(1))))
                .as("once per expiry")
                .isZero();
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("token.expiringSoon");
            assertThat(e.subject().kind()).isEqualTo("downstream");
            assertThat(e.subject().id()).isEqualTo("identityCenter");
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.details())
                    .containsEntry("downstream", "identityCenter.scim")
                    .containsEntry("expires", expires.toString())
                    .containsEntry("daysLeft", 9L);
        });
        Instant renewed = expires.plus(Duration.ofDays(365));
        DerivedEvents afterRenewal = new DerivedEvents(db, List::of, DerivedEventRules.DEFAULT, Optional.of(renewed));
        assertThat(afterRenewal.runOnce(NOW.plus(Duration.ofDays(2))))
                .as("the renewed token is a year away")
                .isZero();
        assertThat(afterRenewal.runOnce(renewed.minus(Duration.ofDays(3))))
                .as("a new expiry: a new condition")
                .isEqualTo(1);
        assertThat(afterRenewal.runOnce(renewed.plusSeconds(1)))
                .as("expired: no more events")
                .isZero();
    }
}
