package dev.kiroscim.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Recomputes the hash chain from the checkpoint (or the genesis hash) to the chain head and reports the first
 * event that does not check out. Catches an edited row (its hash no longer matches its content), a deleted row
 * (a gap in {@code seq}, or a missing tail against the head), and reordered rows (the {@code seq} is hashed, so
 * swapping two rows' content breaks both hashes).
 */
public final class ChainVerifier {

    private static final int BATCH = 1000;

    /** The outcome: {@code firstBadSeq} is null when all {@code verified} events check out. */
    public record Verification(long verified, Long firstBadSeq, String problem) {
        public boolean ok() {
            return firstBadSeq == null;
        }
    }

    private ChainVerifier() {}

    /** Verifies the whole kept chain of {@code log}; call inside one read transaction. */
    public static Verification verify(AuditLog log) {
        AuditLog.ChainHead head = log.head();
        Optional<AuditCheckpoint> checkpoint = log.checkpoint();
        long expected = checkpoint.map(AuditCheckpoint::firstSeq).orElse(1L);
        String previous = checkpoint.map(AuditCheckpoint::anchorHash).orElse(ChainHash.GENESIS);
        long verified = 0;
        long cursor = expected - 1;
        while (true) {
            List<AuditEvent> batch = log.after(cursor, BATCH);
            for (AuditEvent e : batch) {
                if (e.seq() > head.lastSeq()) {
                    break; // appended after we read the head
                }
                if (e.seq() != expected) {
                    long bad = Math.min(e.seq(), expected);
                    return new Verification(
                            verified,
                            bad,
                            e.seq() > expected
                                    ? "event " + expected + " is missing (next stored event is " + e.seq() + ")"
                                    : "event " + e.seq() + " is out of order (expected " + expected + ")");
                }
                if (!previous.equals(e.previousHash())) {
                    return new Verification(
                            verified, e.seq(), "event " + e.seq() + " does not chain to the event before it");
                }
                if (!ChainHash.of(previous, e).equals(e.hash())) {
                    return new Verification(
                            verified,
                            e.seq(),
                            "event " + e.seq() + " was altered: its hash does not match its content");
                }
                previous = e.hash();
                expected++;
                verified++;
            }
            if (batch.size() < BATCH || batch.get(batch.size() - 1).seq() >= head.lastSeq()) {
                break;
            }
            cursor = batch.get(batch.size() - 1).seq();
        }
        if (expected - 1 != head.lastSeq()) {
            return new Verification(
                    verified,
                    expected,
                    expected > head.lastSeq()
                            ? "the chain head says the last event is " + head.lastSeq() + ", but events up to "
                                    + (expected - 1) + " exist"
                            : "events " + expected + " to " + head.lastSeq() + " are missing");
        }
        if (head.lastSeq() > 0 && !previous.equals(head.lastHash())) {
            return new Verification(verified, head.lastSeq(), "the last event's hash differs from the chain head's");
        }
        return new Verification(verified, null, null);
    }
}
