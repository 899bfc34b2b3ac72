package dev.kiroscim.core.sync;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a {@code NextToken}-paged list call into a lazy stream of pages, for {@link IdentityCenterDirectory} implementations.
 *
 * <p>The first page is fetched when the stream's first element is pulled, each following page only when needed,
 * so {@code userPages().findFirst()} costs one call. Example: 250 users at 100 per page are three calls,
 * fetched with tokens {@code null}, "t1", "t2"; the third answer has no token and ends the stream.
 */
public final class TokenPages {

    /** One answer of a list call. */
    public record Page<T>(List<T> items, String nextToken) {
        public Page {
            items = List.copyOf(items);
        }
    }

    private TokenPages() {}

    /**
     * @param fetch called with {@code null} for the first page, then with each {@code nextToken}
     */
    public static <T> Stream<List<T>> stream(Function<String, Page<T>> fetch) {
        Iterator<List<T>> pages = new Iterator<>() {
            private boolean started;
            private String nextToken;

            @Override
            public boolean hasNext() {
                return !started || nextToken != null;
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Page<T> page = fetch.apply(nextToken);
                started = true;
                nextToken = page.nextToken() == null || page.nextToken().isEmpty() ? null : page.nextToken();
                return page.items();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
