package dev.kiroscim.core.directory.query;

import java.util.List;

/** One page of search results with the total number of matches. */
public record Page<T>(long total, List<T> items) {
    public Page {
        items = List.copyOf(items);
    }
}
