package dev.kiroscim.core.worker;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker's round over and over on one daemon thread: at once again while a round finds work, otherwise after
 * an idle wait that {@link #wake()} cuts short. A round that throws is logged and the loop carries on, so one bad
 * round never stops a replica's outbox worker. The sync worker and the notification delivery both poll an outbox
 * this way; the loop lives here once so their start, wake and stop behave alike.
 *
 * <p>Example: {@code new BackgroundLoop("idc-sync-worker", "Identity Center sync worker", worker::runOnce, () ->
 * 1000, Duration.ofSeconds(30), false)} runs {@code runOnce()} until it returns 0, then waits a second or until
 * {@code wake()}.
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String threadName;
    private final String what;
    private final IntSupplier round;
    private final LongSupplier idleWaitMillis;
    private final Duration stopWait;
    private final boolean interruptOnStop;
    private final Object signal = new Object();
    private volatile boolean wakeRequested;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param threadName the thread's name, as seen in thread dumps
     * @param what the worker's name in the log line of a failed round
     * @param round one round; returns how many items it handled (0 means idle: wait before the next)
     * @param idleWaitMillis how long to wait after an idle round, asked each time (a throttled worker waits longer)
     * @param stopWait how long {@link #close()} waits for the round in progress to end
     * @param interruptOnStop whether {@link #close()} interrupts the round in progress (e.g. a slow HTTP send)
     *     rather than let it finish
     */
    public BackgroundLoop(
            String threadName,
            String what,
            IntSupplier round,
            LongSupplier idleWaitMillis,
            Duration stopWait,
            boolean interruptOnStop) {
        this.threadName = threadName;
        this.what = what;
        this.round = round;
        this.idleWaitMillis = idleWaitMillis;
        this.stopWait = stopWait;
        this.interruptOnStop = interruptOnStop;
    }

    /** Starts the thread; a second call does nothing. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the idle wait now, so the next round starts at once (e.g. after a local enqueue). */
    public void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int handled = 0;
            try {
                handled = round.getAsInt();
            } catch (RuntimeException e) {
                LOG.warn("{} round failed: {}", what, e.toString());
            }
            if (handled == 0) {
                awaitWork();
            }
        }
    }

    private void awaitWork() {
        long waitMs = idleWaitMillis.getAsLong();
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(Math.max(1, waitMs));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    /** Stops the loop: ends the idle wait, then waits up to {@code stopWait} for the thread to end. */
    @Override
    public void close() {
        running = false;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            if (interruptOnStop) {
                t.interrupt();
            }
            try {
                t.join(stopWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
