package dev.kiroscim.core.transaction;

import java.time.Clock;
import java.time.Instant;

/**
 * The instant after which the current thread's request must not commit anything: the HTTP edge binds it from the load
 * balancer's receive time plus {@code server.maxRequestAge}, and {@link Transactions#write} checks it last, right
 * before the commit. The edge's own check refuses a request that was already stale when it arrived; this one refuses a
 * request whose replica was frozen (SIGSTOP, a VM pause) after that check and resumed after the client had retried it
 * elsewhere and sent newer writes, which the stale one would otherwise overwrite (a member the IdP removed, added back).
 *
 * <p>Thread-bound like {@link dev.kiroscim.core.sync.CallFence}: a request runs on one thread, and code that binds
 * nothing (background jobs, the CLI, tests) commits unchecked.
 *
 * <pre>{@code
 * WriteDeadline.bind(receivedAt.plus(maxAge), clock);   // at the edge, for each request
 * db.write(tx -> ...);                                  // throws StaleWrite instead of committing after the deadline
 * WriteDeadline.clear();                                // when the answer leaves
 * }</pre>
 */
public final class WriteDeadline {

    private record Bound(Instant deadline, Clock clock) {}

    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

    private WriteDeadline() {}

    /** Binds {@code deadline} to this thread, replacing any earlier binding. */
    public static void bind(Instant deadline, Clock clock) {
        CURRENT.set(new Bound(deadline, clock));
    }

    /** Removes this thread's binding. */
    public static void clear() {
        CURRENT.remove();
    }

    /** Throws {@link StaleWrite} when this thread's deadline has passed; nothing when none is bound. */
    public static void check() {
        Bound bound = CURRENT.get();
        if (bound != null && bound.clock().instant().isAfter(bound.deadline())) {
            throw new StaleWrite("this write would commit after " + bound.deadline()
                    + ", its request's deadline (server.maxRequestAge after the load balancer received it): its"
                    + " client has most likely retried it; nothing was changed");
        }
    }
}
