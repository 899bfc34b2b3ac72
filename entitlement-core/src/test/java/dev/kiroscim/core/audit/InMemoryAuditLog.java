package dev.kiroscim.core.audit;

import dev.kiroscim.core.directory.events.ChangeContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test double of {@link AuditLog}: appends chain at once; {@link #rows} is open to tampering. */
final class InMemoryAuditLog implements AuditLog {

    final List<AuditEvent> rows = new ArrayList<>();
    ChainHead head = new ChainHead(0, ChainHash.GENESIS);
    AuditCheckpoint checkpoint;

    @Override
    public void append(ChangeContext context, AuditEntry e) {
        AuditEvent event = new AuditEvent(
                        head.lastSeq() + 1,
                        context.at(),
                        e.type(),
                        context.actor(),
                        e.subject(),
                        e.group(),
                        e.details(),
                        context.requestId(),
                        head.lastHash(),
                        null)
                .chainedTo(head.lastHash());
        rows.add(event);
        head = new ChainHead(event.seq(), event.hash());
    }

    @Override
    public AuditPage query(AuditQuery query) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public List<AuditEvent> after(long afterSeq, int limit) {
        return rows.stream()
                .filter(r -> r.seq() > afterSeq)
                .sorted(java.util.Comparator.comparingLong(AuditEvent::seq))
                .limit(limit)
                .toList();
    }

    @Override
    public ChainHead head() {
        return head;
    }

    @Override
    public Optional<AuditCheckpoint> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    @Override
    public long prune(Instant cutoff) {
        throw new UnsupportedOperationException("not needed by these tests");
    }
}
