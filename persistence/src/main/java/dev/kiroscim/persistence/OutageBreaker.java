package dev.kiroscim.persistence;

import dev.kiroscim.core.directory.StoreUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails fast while the database is known to be unreachable, and notices by itself when it is back.
 *
 * <p>Without it, every request during a PostgreSQL outage would wait the pool's whole connection time-out before
 * failing, requests would pile up to the in-flight limit (and be shed with 429), and {@code /readyz} would answer
 * too late for a load balancer's health check. Once a transaction fails with a {@linkplain ConnectionLoss connection
 * loss}, the breaker opens: transactions fail at once with {@link StoreUnavailable} (503), {@code /readyz} answers
 * 503 at once, and a background probe tries a connection every {@code probeInterval}. The first probe that gets a
 * valid connection closes the breaker; nothing needs a restart. Requests never probe, so recovery does not depend on
 * traffic (a load balancer sends none to a replica whose {@code /readyz} fails).
 */
final class OutageBreaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutageBreaker.class);

    private final BooleanSupplier probe;
    private final Duration probeInterval;
    private final ScheduledExecutorService prober;
    private volatile Instant downSince; // null while the database answers

    /**
     * @param probe         true when a fresh connection from the pool is valid; must not throw
     * @param probeInterval pause between two failed probes
     */
    OutageBreaker(BooleanSupplier probe, Duration probeInterval) {
        this.probe = probe;
        this.probeInterval = probeInterval;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiro-db-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Throws {@link StoreUnavailable} at once while the breaker is open. */
    void checkAvailable() {
        Instant since = downSince;
        if (since != null) {
            throw new StoreUnavailable("the database has been unreachable since " + since + "; retry shortly", null);
        }
    }

    boolean isDown() {
        return downSince != null;
    }

    /** Opens the breaker (once per outage) and starts probing. */
    synchronized void markDown(Throwable cause) {
        if (downSince != null || prober.isShutdown()) {
            return;
        }
        downSince = Instant.now();
        LOG.warn(
                "database unreachable, answering 503 until it is back (probing every {} ms): {}",
                probeInterval.toMillis(),
                cause == null ? "probe failed" : rootMessage(cause));
        scheduleProbe();
    }

    private void scheduleProbe() {
        prober.schedule(this::probeOnce, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeOnce() {
        boolean up;
        try {
            up = probe.getAsBoolean();
        } catch (RuntimeException e) {
            up = false;
        }
        synchronized (this) {
            if (up) {
                Duration outage = Duration.between(downSince, Instant.now());
                downSince = null;
                LOG.info("database reachable again after {} ms; serving requests", outage.toMillis());
            } else if (!prober.isShutdown()) {
                scheduleProbe();
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 32 && root.getCause() != null; i++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
