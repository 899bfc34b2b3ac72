package dev.kiroscim.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A pool's idle-seat policy: {@code reclaimAfterIdle: P30D}, {@code reclaim: report | release},
 * {@code reclaimGrace: P14D}. A holder with no Kiro activity for {@code afterIdle} (and whose grant is older than
 * {@code grace}) is listed as idle; with {@link Mode#RELEASE} the daily job also frees the seat for the first
 * person waiting. Missing report data is never idleness (docs/usage-and-cost.md).
 *
 * @param afterIdle how long without activity makes a seat idle
 * @param mode      what to do with an idle seat
 * @param grace     how long after a grant a seat is never idle, whatever the report says
 */
public record Reclaim(Duration afterIdle, Mode mode, Duration grace) {

    /** Default grace after a grant: two weeks to install Kiro and sign in. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(14);

    public enum Mode {
        /** Only list idle seats (GET /admin/v1/seats/idle, metrics). */
        REPORT,
        /** Free idle seats in the daily job, audited as {@code seat.reclaimed}. */
        RELEASE
    }

    public Reclaim {
        Objects.requireNonNull(afterIdle, "afterIdle");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(grace, "grace");
    }
}
