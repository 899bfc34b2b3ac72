package dev.kiroscim.core.audit;

import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the append-only, hash-chained audit log, reached through {@code Directory.audit()} so that an event
 * commits or rolls back with the change it describes.
 *
 * <p>{@link #append} only queues the event; the adapter chains and writes the queued events at the very end of
 * the transaction, under a lock on the chain head. That keeps {@code seq} gap-free and in commit order across
 * server replicas while holding the lock for as short as possible.
 */
public interface AuditLog {

    /** Queues an event of this transaction; actor, request id and time come from {@code context}. */
    void append(ChangeContext context, AuditEntry entry);

    /** Events matching {@code query}, in {@code seq} order, with a cursor for the next page. */
    AuditPage query(AuditQuery query);

    /** Up to {@code limit} events with {@code seq > afterSeq}, in {@code seq} order, for verification and reports. */
    List<AuditEvent> after(long afterSeq, int limit);

    /** The chain head: the last seq and hash written (seq 0 and {@link ChainHash#GENESIS} when empty). */
    ChainHead head();

    /** Where the kept chain starts: after pruning, the first kept seq and the hash it chains to. */
    Optional<AuditCheckpoint> checkpoint();

    /**
     * Deletes the events before {@code cutoff} and anchors the chain in a checkpoint, in this transaction.
     * Keeps at least the last event, so the head stays checkable.
     *
     * @return how many events were removed
     */
    long prune(Instant cutoff);

    record ChainHead(long lastSeq, String lastHash) {}
}
