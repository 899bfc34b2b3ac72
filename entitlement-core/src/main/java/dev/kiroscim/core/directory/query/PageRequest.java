package dev.kiroscim.core.directory.query;

/**
 * One page of a search: {@code offset} rows skipped (SCIM {@code startIndex - 1}), at most {@code limit} rows
 * returned. A limit of 0 asks only for the total count (RFC 7644 §3.4.2.4: {@code count=0}).
 */
public record PageRequest(long offset, int limit) {
    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0");
        }
    }
}
