package dev.kiroscim.core.seats;

import java.time.YearMonth;
import java.util.Objects;

/**
 * The seat charge of one user in one billing month, as the allocator commits it: the highest tier the user held at
 * any moment of the month, the pool that seat came from (the budget it counts against), and when in the month the
 * user first held a seat (what {@code billing.newSeats: prorated} prorates from).
 *
 * <p>Example: Ann held PRO from Kiro-Developers on 1 December and moved up to PRO_PLUS in Kiro-Platform on the 10th:
 * {@code (2026-12, ann, Kiro-Platform, PRO_PLUS, firstDay=0)}. The PRO charge is gone (upgrades refund the lower
 * tier), and leaving on the 20th changes nothing (a released seat stays charged to the month's end).
 *
 * @param month    the UTC calendar month
 * @param userId   SCIM user id
 * @param pool     the pool's group of the highest seat held this month
 * @param tier     the highest tier held this month
 * @param firstDay {@value #HELD_AT_START} when the user already held a seat when the month began, else the day of the
 *                 month (1–31) they first got one
 */
public record MonthCharge(YearMonth month, String userId, String pool, String tier, int firstDay) {

    /** {@link #firstDay} of a seat carried over from the previous month. */
    public static final int HELD_AT_START = 0;

    public MonthCharge {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(tier, "tier");
        if (firstDay < HELD_AT_START || firstDay > month.lengthOfMonth()) {
            throw new IllegalArgumentException("firstDay must be 0.." + month.lengthOfMonth() + ": " + firstDay);
        }
    }

    /** How many charges of one tier, first held on one day, a budget scope has: what its committed cost sums. */
    public record Count(String tier, int firstDay, int count) {}
}
