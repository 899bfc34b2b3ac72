package dev.kiroscim.core.notify;

import dev.kiroscim.core.seats.SeatOverview;
import java.time.Duration;
import java.time.Instant;

/**
 * When the derived events fire.
 *
 * <p><b>pool.nearlyFull</b> fires when a capped pool's holders reach {@code nearlyFullPercent} of its seats, and not
 * again until the pool has gone below {@code rearmPercent} (hysteresis). Example with 90 / 80 and 20 seats: 18
 * holders fires; 17, 18, 17 stay quiet; 15 (75%) re-arms; 18 fires again.
 *
 * <p><b>grant.expiringSoon</b> fires once per grant when its {@code maxGrant} deadline is at most
 * {@code grantExpiringDays} away; <b>token.expiringSoon</b> once per token expiry at most {@code tokenExpiringDays}
 * away.
 */
public record DerivedEventRules(int nearlyFullPercent, int rearmPercent, int grantExpiringDays, int tokenExpiringDays) {

    public static final DerivedEventRules DEFAULT = new DerivedEventRules(90, 80, 7, 14);

    public DerivedEventRules {
        if (nearlyFullPercent < 1 || nearlyFullPercent > 100) {
            throw new IllegalArgumentException("nearlyFullPercent must be 1..100, not " + nearlyFullPercent);
        }
        if (rearmPercent < 0 || rearmPercent >= nearlyFullPercent) {
            throw new IllegalArgumentException(
                    "rearmPercent must be below nearlyFullPercent (" + nearlyFullPercent + "), not " + rearmPercent);
        }
        if (grantExpiringDays < 1 || tokenExpiringDays < 1) {
            throw new IllegalArgumentException("the expiring-soon windows must be at least 1 day");
        }
    }

    public enum PoolDecision {
        FIRE,
        REARM,
        NOTHING
    }

    /** @param raised whether {@code pool.nearlyFull} was raised for this pool and not re-armed since */
    public PoolDecision pool(SeatOverview.PoolUse use, boolean raised) {
        if (use.seats().isEmpty() || use.seats().getAsInt() == 0) {
            return raised ? PoolDecision.REARM : PoolDecision.NOTHING;
        }
        long scaled = (long) use.assigned() * 100;
        long seats = use.seats().getAsInt();
        if (!raised && scaled >= nearlyFullPercent * seats) {
            return PoolDecision.FIRE;
        }
        if (raised && scaled < rearmPercent * seats) {
            return PoolDecision.REARM;
        }
        return PoolDecision.NOTHING;
    }

    /** Whole days from {@code now} to {@code deadline}, rounded up (23 hours left is "1 day"). */
    public static long daysLeft(Instant now, Instant deadline) {
        long ms = Duration.between(now, deadline).toMillis();
        return ms <= 0
                ? 0
                : (ms + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis();
    }
}
