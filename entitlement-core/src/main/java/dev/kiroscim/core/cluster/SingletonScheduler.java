package dev.kiroscim.core.cluster;

import java.time.Duration;

/**
 * Runs periodic jobs that must run on exactly one replica at a time (the reconciler, seat expiry, audit retention,
 * usage imports…). {@link ClusterNode} runs a job only while this replica holds the job's lease, and runs it at once
 * when it takes the lease over.
 *
 * <pre>{@code
 * jobs.schedule("usage-import", Duration.ofDays(1), importer::runOnce);
 * }</pre>
 */
@FunctionalInterface
public interface SingletonScheduler {

    /**
     * @param job   lease name, unique per job, e.g. {@code seat-expiry}
     * @param every time between runs while held; the first run is when the lease is taken
     * @param task  one run; exceptions are logged and the job runs again after {@code every}
     */
    void schedule(String job, Duration every, Runnable task);
}
