package dev.kiroscim.core.sync.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sync runs ({@code identityCenter:} in the config, plus internals tests may shorten).
 *
 * @param offboarding       what deactivation does beyond removing tier memberships
 * @param reconcileInterval time between scheduled reconciles (default PT6H)
 * @param pollInterval      how often an idle worker looks for work another replica enqueued (local enqueues wake it at once)
 * @param batchSize         items claimed per round
 * @param lease             how long a claim lasts before another worker may take the user over
 * @param retry             backoff and dead-letter limit
 */
public record SyncSettings(
        Offboarding offboarding,
        Duration reconcileInterval,
        Duration pollInterval,
        int batchSize,
        Duration lease,
        RetryPolicy retry) {

    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofHours(6);

    public SyncSettings {
        Objects.requireNonNull(offboarding, "offboarding");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(retry, "retry");
    }

    public static SyncSettings defaults() {
        return new SyncSettings(
                Offboarding.REMOVE_MEMBERSHIP,
                DEFAULT_RECONCILE_INTERVAL,
                Duration.ofMillis(250),
                20,
                Duration.ofMinutes(2),
                RetryPolicy.DEFAULT);
    }

    public SyncSettings withOffboarding(Offboarding o) {
        return new SyncSettings(o, reconcileInterval, pollInterval, batchSize, lease, retry);
    }

    public SyncSettings withReconcileInterval(Duration d) {
        return new SyncSettings(offboarding, d, pollInterval, batchSize, lease, retry);
    }

    public SyncSettings withLease(Duration l) {
        return new SyncSettings(offboarding, reconcileInterval, pollInterval, batchSize, l, retry);
    }

    public SyncSettings withRetry(RetryPolicy r) {
        return new SyncSettings(offboarding, reconcileInterval, pollInterval, batchSize, lease, r);
    }
}
