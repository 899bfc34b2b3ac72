package dev.kiroscim.core.audit;

import java.time.Instant;

/**
 * The anchor left by pruning: the kept chain starts at {@code firstSeq}, whose {@code previousHash} must equal
 * {@code anchorHash} (the hash of the last pruned event).
 */
public record AuditCheckpoint(long firstSeq, String anchorHash, Instant prunedAt) {}
