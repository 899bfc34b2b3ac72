package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The shared doc's price table (§2.1) as billing rules, and short ways to write spans and usage. */
final class BillingFixtures {

    static final List<BillingTier> KIRO_TIERS = List.of(
            tier("PRO", 0, "20", "1000"), tier("PRO_PLUS", 1, "40", "2000"),
            tier("PRO_MAX", 2, "100", "5000"), tier("POWER", 3, "200", "10000"));

    static final OverageTerms OVERAGE_ON = new OverageTerms(true, new BigDecimal("0.04"));

    private BillingFixtures() {}

    static BillingTier tier(String name, int rank, String price, String credits) {
        return new BillingTier(name, rank, new BigDecimal(price), Optional.of(new BigDecimal(credits)));
    }

    static BillingRules rules(
            boolean overage, BillingRules.UpgradeOverage onUpgrade, BillingRules.NewSeatCharge newSeats) {
        return new BillingRules(KIRO_TIERS, overage ? OVERAGE_ON : OverageTerms.DISABLED, onUpgrade, newSeats);
    }

    static KiroBilling billing(boolean overage) {
        return new KiroBilling(
                rules(overage, BillingRules.UpgradeOverage.RERATE, BillingRules.NewSeatCharge.FULL_MONTH));
    }

    /** Midnight UTC of an ISO date. */
    static Instant day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static SeatSpan span(String tier, String from, String until) {
        return new SeatSpan(tier, "pool-" + tier, day(from), until == null ? null : day(until));
    }

    static DailyCredits credits(String isoDate, String credits) {
        return new DailyCredits(LocalDate.parse(isoDate), new BigDecimal(credits));
    }
}
