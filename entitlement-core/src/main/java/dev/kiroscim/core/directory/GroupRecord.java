package dev.kiroscim.core.directory;

import java.time.Instant;

/**
 * A group as the IdP pushed it. Members are not part of the record: they live in their own relation so that
 * adding or removing one member costs the same at 10 and at 100,000 members.
 */
public record GroupRecord(
        String id,
        String displayName,
        String externalId,
        String document,
        long version,
        Instant created,
        Instant lastModified) {}
