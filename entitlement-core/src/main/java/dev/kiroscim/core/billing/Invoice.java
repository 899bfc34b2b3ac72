package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * A month's bill by {@link KiroBilling}'s rules, one line per user, with the naive "holders × price" figure beside it.
 *
 * @param month        the UTC calendar month
 * @param asOf         the instant the figures are as of (the month's end for a past month)
 * @param complete     false for the current month (more charges and credits may come)
 * @param lines        one per user who held a seat at any moment of the month, by user name
 * @param tiers        totals per billed tier, lowest tier first
 * @param totalUsd     the month's total
 * @param naiveHolders seat holders at {@code asOf}
 * @param naiveUsd     the naive figure: holders at {@code asOf} × their tier's price
 * @param forecast     for the current month: cost so far and a forecast to the month's end
 */
public record Invoice(
        YearMonth month,
        Instant asOf,
        boolean complete,
        List<Line> lines,
        List<TierTotal> tiers,
        BigDecimal totalUsd,
        int naiveHolders,
        BigDecimal naiveUsd,
        Optional<Forecast> forecast) {

    public record Line(String userId, String userName, UserBill bill) {}

    public record TierTotal(
            String tier,
            int users,
            BigDecimal baseUsd,
            BigDecimal overageCredits,
            BigDecimal overageUsd,
            BigDecimal totalUsd) {}

    /**
     * @param costSoFarUsd what the month costs already (every seat held so far is charged in full)
     * @param forecastUsd  cost so far plus overage from each user's credits extrapolated to the month's end
     * @param daysElapsed  the days the extrapolation is based on
     */
    public record Forecast(BigDecimal costSoFarUsd, BigDecimal forecastUsd, int daysElapsed) {}
}
