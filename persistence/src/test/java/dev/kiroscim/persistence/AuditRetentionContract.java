package dev.kiroscim.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.audit.AuditCheckpoint;
import dev.kiroscim.core.audit.AuditEvent;
import dev.kiroscim.core.audit.AuditEvents;
import dev.kiroscim.core.audit.AuditSubject;
import dev.kiroscim.core.audit.ChainVerifier;
import dev.kiroscim.core.audit.service.AuditTrail;
import dev.kiroscim.core.directory.events.ChangeContext;
import dev.kiroscim.core.policy.Policy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Audit retention ({@code audit.retention}, issue 6) against a real database, on H2 and PostgreSQL: pruning
 * deletes old events, anchors the oldest kept event's previous hash in {@code audit_checkpoint}, and the kept
 * chain still verifies — and still reveals tampering. Each test gets a fresh database, because the chain is global.
 *
 * <p>The log holds ten events, one a day from {@link #T0} (seq 1 at T0, seq 10 at T0+9d). A retention of five days
 * measured from T0+10d cuts at T0+5d, so seq 1–5 go and seq 6 is the oldest kept event.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditRetentionContract {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int EVENTS = 10;
    private static final Instant NOW = T0.plus(Duration.ofDays(EVENTS));

    private Database db;
    private AuditTrail trail;

    @Parameter
    TestDatabase.Kind kind;

    private TestDatabase database;

    /** A config pointing at a fresh, empty database. */
    private DatabaseConfig freshDatabase() {
        database = TestDatabase.create(kind, "retention");
        return database.config();
    }

    /** Called after the pool is closed, to drop the database. */
    private void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @BeforeEach
    void open() {
        db = Database.open(freshDatabase());
        trail = new AuditTrail(db, Policy::builtInDefault);
        for (int day = 0; day < EVENTS; day++) {
            ChangeContext ctx = new ChangeContext("okta", "r-" + day, T0.plus(Duration.ofDays(day)));
            AuditSubject user = AuditSubject.user("u-" + day, "user" + day + "@example.com");
            db.write(tx -> {
                tx.audit().append(ctx, AuditEvents.seatAssigned(user, "default", "PRO", "group-rule"));
                return null;
            });
        }
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        dropDatabase();
    }

    private List<AuditEvent> all() {
        return db.read(tx -> tx.audit().after(0, 1000));
    }

    private long prune(Duration retention, Instant now) {
        return trail.prune(
                dev.kiroscim.core.audit.AuditRetention.of(retention),
                new ChangeContext(ChangeContext.SYSTEM, "retention-test", now));
    }

    @Test
    void pruneAnchorsTheOldestKeptEventInACheckpointAndTheChainStillVerifies() {
        String lastPrunedHash = all().get(4).hash();

        assertThat(prune(Duration.ofDays(5), NOW)).isEqualTo(5);

        List<AuditEvent> kept = all();
        assertThat(kept).extracting(AuditEvent::seq).containsExactly(6L, 7L, 8L, 9L, 10L, 11L);
        AuditCheckpoint checkpoint = db.read(tx -> tx.audit().checkpoint()).orElseThrow();
        assertThat(checkpoint.firstSeq()).isEqualTo(6);
        assertThat(checkpoint.anchorHash())
                .isEqualTo(lastPrunedHash)
                .isEqualTo(kept.get(0).previousHash());

        AuditEvent pruned = kept.get(kept.size() - 1);
        assertThat(pruned.type()).isEqualTo(AuditEvents.AUDIT_PRUNED);
        assertThat(pruned.actor()).isEqualTo(ChangeContext.SYSTEM);
        assertThat(pruned.details())
                .containsEntry("firstKeptSeq", 6L)
                .containsEntry("prunedCount", 5L)
                .containsEntry("olderThan", T0.plus(Duration.ofDays(5)).toString());

        ChainVerifier.Verification v = trail.verify();
        assertThat(v.ok()).as(v.problem()).isTrue();
        assertThat(v.verified()).isEqualTo(6);
    }

    @Test
    void aSecondPruneMovesTheCheckpointAndTheChainStillVerifies() {
        prune(Duration.ofDays(5), NOW);
        String lastPrunedHash = all().stream()
                .filter(e -> e.seq() == 8)
                .findFirst()
                .orElseThrow()
                .hash();

        assertThat(prune(Duration.ofDays(2), NOW)).isEqualTo(3); // seq 6, 7, 8 (T0+5d to T0+7d) are older than T0+8d

        assertThat(all()).extracting(AuditEvent::seq).containsExactly(9L, 10L, 11L, 12L);
        AuditCheckpoint checkpoint = db.read(tx -> tx.audit().checkpoint()).orElseThrow();
        assertThat(checkpoint.firstSeq()).isEqualTo(9);
        assertThat(checkpoint.anchorHash()).isEqualTo(lastPrunedHash);
        assertThat(trail.verify().ok()).isTrue();
    }

    @Test
    void pruneKeepsTheNewestEventEvenWhenEverythingIsOld() {
        assertThat(prune(Duration.ofDays(1), NOW.plus(Duration.ofDays(365)))).isEqualTo(EVENTS - 1);

        assertThat(all()).extracting(AuditEvent::seq).containsExactly(10L, 11L);
        assertThat(trail.verify().ok()).isTrue();
    }

    @Test
    void pruneWithNothingOldEnoughChangesNothingAndWritesNoEvent() {
        assertThat(prune(Duration.ofDays(30), NOW)).isZero();

        assertThat(all()).hasSize(EVENTS);
        Optional<AuditCheckpoint> checkpoint = db.read(tx -> tx.audit().checkpoint());
        assertThat(checkpoint).isEmpty();
        assertThat(trail.verify().ok()).isTrue();
    }

    /** Tampering after a prune, each as SQL on the kept rows, the checkpoint or the head, and the seq it is caught at. */
    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of("edit the oldest kept row", "update audit_event set actor = 'mallory' where seq = 6", 6L),
                Arguments.of("edit a later kept row", "update audit_event set details = '{}' where seq = 8", 8L),
                Arguments.of("delete the oldest kept row", "delete from audit_event where seq = 6", 6L),
                Arguments.of("delete a row in the middle", "delete from audit_event where seq = 9", 9L),
                Arguments.of("delete the newest row", "delete from audit_event where seq = 11", 11L),
                Arguments.of(
                        "rewrite the checkpoint's anchor",
                        "update audit_checkpoint set anchor_hash = '" + "1".repeat(64) + "'",
                        6L),
                Arguments.of("move the checkpoint past a row", "update audit_checkpoint set first_seq = 7", 7L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    void tamperingWithTheKeptChainIsStillDetectedAfterPruning(String what, String sql, long firstBadSeq)
            throws SQLException {
        prune(Duration.ofDays(5), NOW);
        assertThat(trail.verify().ok()).isTrue();

        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            assertThat(s.executeUpdate()).isEqualTo(1);
            c.commit();
        }

        ChainVerifier.Verification v = trail.verify();
        assertThat(v.ok()).as(what).isFalse();
        assertThat(v.firstBadSeq()).as(v.problem()).isEqualTo(firstBadSeq);
    }
}
