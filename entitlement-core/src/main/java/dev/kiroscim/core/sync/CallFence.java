package dev.kiroscim.core.sync;

/**
 * A check the Identity Store adapter runs right before it sends a call, after any rate-limit wait: the outbox worker
 * binds one per claimed item ("is my claim still mine?"), so a worker that was frozen (SIGSTOP, a long GC pause)
 * while another replica took its work over does not send a stale call when it resumes.
 *
 * <p>Thread-bound because the check belongs to the worker thread's current item, while the adapter is shared by
 * every thread; code that binds nothing (the reconciler, tests) sends unchecked.
 *
 * <pre>{@code
 * try (CallFence.Binding b = CallFence.bind(() -> claim.checkStillMine())) {
 *     convergence.converge(...);   // every call the adapter sends first runs the check
 * }
 * }</pre>
 */
public final class CallFence {

    private static final ThreadLocal<Runnable> CURRENT = new ThreadLocal<>();

    private CallFence() {}

    /** Runs the bound check, if any; it throws when the caller must not send. */
    public static void beforeSend() {
        Runnable check = CURRENT.get();
        if (check != null) {
            check.run();
        }
    }

    /**
     * Waits for the rate limit, then runs the bound check: the order every Identity Center adapter needs, since a claim
     * may be lost while the call waits its turn. An interrupted wait fails as {@link IdentityCenterUnavailable}, so the
     * worker retries the item later.
     */
    public static void awaitTurn(IdentityCenterRateLimit rateLimit, IdentityCenterOperation operation) {
        try {
            rateLimit.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IdentityCenterUnavailable(
                    operation, null, "interrupted while waiting for the rate limit", null, interrupted);
        }
        beforeSend();
    }

    /** Binds {@code check} to this thread until the binding is closed. */
    public static Binding bind(Runnable check) {
        Runnable previous = CURRENT.get();
        CURRENT.set(check);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the previous binding when closed. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }
}
