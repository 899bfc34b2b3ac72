package dev.kiroscim.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainVerifierTest {

    private static InMemoryAuditLog fiveEvents() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        for (int i = 1; i <= 5; i++) {
            log.append(
                    new ChangeContext(
                            "okta",
                            "r-" + i,
                            Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i)),
                    AuditEvents.seatAssigned(
                            AuditSubject.user("u" + i, "user" + i + "@example.com"),
                            "Kiro-Developers",
                            "PRO",
                            "joined"));
        }
        return log;
    }

    private static AuditEvent with(AuditEvent e, long seq, Map<String, Object> details) {
        return new AuditEvent(
                seq,
                e.at(),
                e.type(),
                e.actor(),
                e.subject(),
                e.group(),
                details,
                e.requestId(),
                e.previousHash(),
                e.hash());
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of("edit a detail", 3L, (Consumer<InMemoryAuditLog>) log -> log.rows.set(
                        2,
                        with(
                                log.rows.get(2),
                                3,
                                Map.of("pool", "Kiro-Platform", "tier", "POWER", "reason", "joined")))),
                Arguments.of("delete a row", 3L, (Consumer<InMemoryAuditLog>) log -> log.rows.remove(2)),
                Arguments.of("swap two rows' seq", 2L, (Consumer<InMemoryAuditLog>) log -> {
                    AuditEvent two = log.rows.get(1);
                    AuditEvent three = log.rows.get(2);
                    log.rows.set(1, with(three, 2, three.details()));
                    log.rows.set(2, with(two, 3, two.details()));
                }),
                Arguments.of("delete the newest row", 5L, (Consumer<InMemoryAuditLog>) log -> log.rows.remove(4)),
                Arguments.of("re-hash an edited row (the next one breaks)", 4L, (Consumer<InMemoryAuditLog>) log -> {
                    AuditEvent e = log.rows.get(2);
                    AuditEvent forged = with(e, 3, Map.of("pool", "X", "tier", "POWER", "reason", "x"))
                            .chainedTo(e.previousHash());
                    log.rows.set(2, forged);
                }));
    }

    @ParameterizedTest(name = "{0} → first bad seq {1}")
    @MethodSource("tampering")
    void catchesTampering(String what, long firstBad, Consumer<InMemoryAuditLog> tamper) {
        InMemoryAuditLog log = fiveEvents();
        tamper.accept(log);
        ChainVerifier.Verification v = ChainVerifier.verify(log);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadSeq()).as(v.problem()).isEqualTo(firstBad);
    }

    @Test
    void anIntactChainVerifiesWithItsCount() {
        assertThat(ChainVerifier.verify(fiveEvents())).isEqualTo(new ChainVerifier.Verification(5, null, null));
    }

    @Test
    void aPrunedChainVerifiesFromItsCheckpoint() {
        InMemoryAuditLog log = fiveEvents();
        AuditEvent lastPruned = log.rows.get(1);
        log.rows.subList(0, 2).clear();
        log.checkpoint = new AuditCheckpoint(3, lastPruned.hash(), Instant.now());
        assertThat(ChainVerifier.verify(log)).isEqualTo(new ChainVerifier.Verification(3, null, null));

        log.checkpoint = new AuditCheckpoint(3, ChainHash.GENESIS, Instant.now());
        assertThat(ChainVerifier.verify(log).firstBadSeq()).isEqualTo(3L);
    }
}
