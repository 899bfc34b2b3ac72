package dev.kiroscim.core.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A seat budget: members of one IdP group may hold seats of one tier, up to a cap.
 *
 * <p>Example: {@code - group: Kiro-Contractors, tier: PRO, seats: 50, maxGrant: P90D} lets the first
 * 50 active members of the SCIM group {@code Kiro-Contractors} (by join time) hold a PRO seat
 * for 90 days each.
 *
 * @param group    SCIM group displayName (matched case-insensitively) or externalId
 * @param tier     name of a {@link Tier} of the same policy
 * @param seats    the cap; empty means unlimited
 * @param maxGrant how long a seat lasts after it is assigned; empty means forever
 * @param reclaim  the idle-seat policy ({@code reclaimAfterIdle}, {@code reclaim}, {@code reclaimGrace}); empty: none
 * @param monthlyBudgetUsd the most this pool's seats may cost in a month, by the invoice rules; empty: no budget
 */
public record Pool(
        String group,
        String tier,
        OptionalInt seats,
        Optional<Duration> maxGrant,
        Optional<Reclaim> reclaim,
        Optional<BigDecimal> monthlyBudgetUsd) {
    public Pool {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(seats, "seats");
        Objects.requireNonNull(maxGrant, "maxGrant");
        Objects.requireNonNull(reclaim, "reclaim");
        Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd");
        if (seats.isPresent() && seats.getAsInt() < 0) {
            throw new IllegalArgumentException("seats must not be negative: " + seats.getAsInt());
        }
    }

    /** A pool without reclaim policy or budget. */
    public Pool(String group, String tier, OptionalInt seats, Optional<Duration> maxGrant) {
        this(group, tier, seats, maxGrant, Optional.empty(), Optional.empty());
    }

    /** An uncapped pool without maxGrant, as in the built-in default. */
    public static Pool unlimited(String group, String tier) {
        return new Pool(group, tier, OptionalInt.empty(), Optional.empty());
    }

    /**
     * The identity of this pool in the seat ledger: the group lower-cased, since
     * {@code Kiro-Developers} and {@code kiro-developers} name the same pool.
     */
    public String key() {
        return keyOf(group);
    }

    /** Normalises a group name the way {@link #key()} does. */
    public static String keyOf(String group) {
        return group.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code displayNameOrExternalId} names this pool's group (case-insensitive). */
    public boolean matchesGroup(String displayNameOrExternalId) {
        return displayNameOrExternalId != null && group.equalsIgnoreCase(displayNameOrExternalId);
    }

    /** Seats still free given {@code assigned} holders; {@link Integer#MAX_VALUE} when unlimited, never negative. */
    public int freeSeats(int assigned) {
        return seats.isPresent() ? Math.max(0, seats.getAsInt() - assigned) : Integer.MAX_VALUE;
    }
}
