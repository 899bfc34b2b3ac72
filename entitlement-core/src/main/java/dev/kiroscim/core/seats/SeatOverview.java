package dev.kiroscim.core.seats;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code GET /admin/v1/seats}: seat use per pool and per tier, and what it costs a month.
 *
 * <p>Example with Kiro-Developers (PRO, $20, 200 seats) at 150 holders and 0 waiting:
 * {@code pools=[("Kiro-Developers","PRO",200,150,0)], tiers=[("PRO",150,3000.00)], monthlyCostUsd=3000.00}.
 */
public record SeatOverview(List<PoolUse> pools, List<TierUse> tiers, BigDecimal monthlyCostUsd) {

    /** @param seats the cap; empty when unlimited */
    public record PoolUse(String group, String tier, OptionalInt seats, int assigned, int waitlisted) {}

    /** @param monthlyCostUsd {@code assigned × monthlyPriceUsd} */
    public record TierUse(String tier, int assigned, BigDecimal monthlyCostUsd) {}

    public SeatOverview {
        pools = List.copyOf(pools);
        tiers = List.copyOf(tiers);
    }
}
