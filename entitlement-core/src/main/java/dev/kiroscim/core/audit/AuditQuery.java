package dev.kiroscim.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * Filters of {@code GET /admin/v1/audit}. Each non-null filter narrows the result; all use an index.
 *
 * @param userName case-insensitive userName of the subject at the time of the event
 * @param userId   SCIM id of the subject (user, group, token name…)
 * @param group    SCIM group id or displayName (case-insensitive) of group and membership events
 * @param types    the types to include (from {@link AuditEvents#typesMatching}); empty means all
 * @param since    inclusive lower bound on {@code at}
 * @param until    exclusive upper bound on {@code at}
 * @param afterSeq the cursor: only events with a larger seq
 */
public record AuditQuery(
        String userName,
        String userId,
        String group,
        List<String> types,
        Instant since,
        Instant until,
        int limit,
        long afterSeq) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        types = types == null ? List.of() : List.copyOf(types);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, List.of(), null, null, limit, 0);
    }

    /** The cursor text for "after this seq"; opaque to clients. */
    public static String cursorAfter(long seq) {
        return Long.toString(seq);
    }

    public static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cursor must be the 'next' value of a previous page");
        }
    }
}
