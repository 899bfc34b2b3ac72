package dev.kiroscim.core.billing;

import static dev.kiroscim.core.billing.BillingFixtures.billing;
import static dev.kiroscim.core.billing.BillingFixtures.credits;
import static dev.kiroscim.core.billing.BillingFixtures.rules;
import static dev.kiroscim.core.billing.BillingFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per billing rule and per worked example of shared/docs/kiro-usage-and-billing.md §3 (November 2026 has
 * 30 days; prices $20/$40/$100/$200, allowances 1,000/2,000/5,000/10,000, overage $0.04).
 */
class KiroBillingTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private static UserBill bill(KiroBilling billing, List<SeatSpan> spans, List<DailyCredits> usage) {
        return billing.bill(NOV, spans, usage).orElseThrow();
    }

    @Test
    void rule_highestTierHeldInTheMonthIsBilledOnce() {
        UserBill b = bill(
                billing(false),
                List.of(
                        span("PRO", "2026-10-01", "2026-11-05"),
                        span("POWER", "2026-11-05", "2026-11-20"),
                        span("PRO", "2026-11-20", null)),
                List.of());
        assertThat(b.billedTier()).isEqualTo("POWER");
        assertThat(b.totalUsd()).isEqualByComparingTo("200");
        assertThat(b.reason())
                .isEqualTo("held PRO 1–4 Nov, held POWER 5–19 Nov, held PRO from 20 Nov; "
                        + "upgrades apply at once, the lower tier is not charged; downgrades apply next month");
    }

    @Test
    void rule_upgradeAppliesAtOnceAndTheLowerTierIsNotCharged() {
        UserBill b = bill(
                billing(false),
                List.of(span("PRO", "2026-10-01", "2026-11-14"), span("POWER", "2026-11-14", null)),
                List.of());
        assertThat(b.basePriceUsd()).isEqualByComparingTo("200");
        assertThat(b.reason()).contains("upgrades apply at once");
    }

    @Test
    void rule_downgradeAppliesFromTheNextMonth() {
        List<SeatSpan> spans = List.of(span("POWER", "2026-10-01", "2026-11-10"), span("PRO", "2026-11-10", null));
        UserBill nov = bill(billing(false), spans, List.of());
        UserBill dec =
                billing(false).bill(YearMonth.of(2026, 12), spans, List.of()).orElseThrow();
        assertThat(nov.billedTier()).isEqualTo("POWER");
        assertThat(nov.reason()).isEqualTo("held POWER 1–9 Nov, held PRO from 10 Nov; downgrades apply next month");
        assertThat(dec.billedTier()).isEqualTo("PRO");
        assertThat(dec.totalUsd()).isEqualByComparingTo("20");
    }

    @Test
    void rule_aReleasedUserKeepsTheChargeToTheMonthsEnd() {
        UserBill b = bill(billing(false), List.of(span("PRO_PLUS", "2026-10-01", "2026-11-03")), List.of());
        assertThat(b.totalUsd()).isEqualByComparingTo("40");
        assertThat(b.tierAtEnd()).isEmpty();
        assertThat(b.heldAllMonth()).isFalse();
        assertThat(b.reason()).isEqualTo("held PRO_PLUS 1–2 Nov; released on 3 Nov; charged to the month's end");
    }

    @Test
    void rule_aSeatEndingAtMidnightOnTheFirstIsNotChargedThatMonth() {
        assertThat(billing(false).bill(NOV, List.of(span("PRO", "2026-10-01", "2026-11-01")), List.of()))
                .isEmpty();
    }

    @Test
    void rule_overageIsCreditsAboveTheAllowanceTimesThePriceWhenEnabled() {
        List<SeatSpan> pro = List.of(span("PRO", "2026-10-01", null));
        List<DailyCredits> usage = List.of(credits("2026-11-02", "900"), credits("2026-11-03", "900"));
        UserBill on = bill(billing(true), pro, usage);
        UserBill off = bill(billing(false), pro, usage);
        assertThat(on.overageCredits()).isEqualByComparingTo("800");
        assertThat(on.overageUsd()).isEqualByComparingTo("32");
        assertThat(off.overageCredits()).isEqualByComparingTo("0");
        assertThat(off.totalUsd()).isEqualByComparingTo("20");
    }

    @Test
    void rule_proMaxIsATierBetweenProPlusAndPower() {
        UserBill b = bill(
                billing(true),
                List.of(span("PRO_PLUS", "2026-10-01", "2026-11-08"), span("PRO_MAX", "2026-11-08", null)),
                List.of(credits("2026-11-20", "5200")));
        assertThat(b.billedTier()).isEqualTo("PRO_MAX");
        assertThat(b.includedCredits()).contains(new BigDecimal("5000"));
        assertThat(b.totalUsd()).isEqualByComparingTo("108"); // 100 + 200 × 0.04
    }

    @ParameterizedTest(name = "new seat on 21 Nov, {0}: ${1}")
    @MethodSource("newSeatCharges")
    void rule_aSeatGrantedMidMonthIsChargedPerTheNewSeatsSetting(
            BillingRules.NewSeatCharge charge, String expected, String reason) {
        KiroBilling billing = new KiroBilling(rules(false, BillingRules.UpgradeOverage.RERATE, charge));
        UserBill b = bill(billing, List.of(span("PRO_PLUS", "2026-11-21", null)), List.of());
        assertThat(b.basePriceUsd()).isEqualByComparingTo(expected);
        assertThat(b.reason()).isEqualTo(reason);
    }

    static Stream<Arguments> newSeatCharges() {
        return Stream.of(
                Arguments.of(
                        BillingRules.NewSeatCharge.FULL_MONTH,
                        "40",
                        "held PRO_PLUS from 21 Nov; new seats are charged for the whole month"),
                Arguments.of(
                        BillingRules.NewSeatCharge.PRORATED,
                        "13.33",
                        "held PRO_PLUS from 21 Nov; new seat prorated from 21 Nov (10 of 30 days)"));
    }

    @Test
    void rule_creditsAndDollarsAreRoundedToHundredths() {
        UserBill b = bill(
                billing(true),
                List.of(span("PRO", "2026-10-01", null)),
                List.of(credits("2026-11-02", "1000.004"), credits("2026-11-03", "114.45787414391377")));
        assertThat(b.creditsUsed()).isEqualByComparingTo("1114.46");
        assertThat(b.overageCredits()).isEqualByComparingTo("114.46");
        assertThat(b.overageUsd()).isEqualByComparingTo("4.58"); // 4.5784
    }

    @Test
    void rule_aTierRemovedFromThePolicyIsListedAtZero() {
        UserBill b = bill(billing(false), List.of(span("LEGACY", "2026-10-01", null)), List.of());
        assertThat(b.totalUsd()).isEqualByComparingTo("0");
        assertThat(b.reason()).contains("tier LEGACY is no longer in the policy");
    }

    @Test
    void example1_monthlyCreditsSumEveryClientFile() {
        UserBill b = bill(
                billing(true),
                List.of(span("PRO", "2026-10-01", null)),
                List.of(credits("2026-11-14", "42.17"), credits("2026-11-14", "10.00")));
        assertThat(b.creditsUsed()).isEqualByComparingTo("52.17");
    }

    @Test
    void example2_proWithOverage1800CreditsCosts52AndWouldCost40OnProPlus() {
        KiroBilling billing = billing(true);
        UserBill b = bill(billing, List.of(span("PRO", "2026-10-01", null)), List.of(credits("2026-11-10", "1800")));
        assertThat(b.totalUsd()).isEqualByComparingTo("52.00");
        assertThat(billing.fullMonthCost("PRO_PLUS", new BigDecimal("1800"))).isEqualByComparingTo("40.00");
        assertThat(bill(
                                billing(false),
                                List.of(span("PRO", "2026-10-01", null)),
                                List.of(credits("2026-11-10", "1800")))
                        .totalUsd())
                .isEqualByComparingTo("20");
    }

    @ParameterizedTest(name = "{0} and {1} break even at {2} credits")
    @MethodSource("breakEvens")
    void example3_breakEvenPoints(String lower, String higher, String credits) {
        KiroBilling billing = billing(true);
        BigDecimal c = new BigDecimal(credits);
        assertThat(billing.fullMonthCost(lower, c)).isEqualByComparingTo(billing.fullMonthCost(higher, c));
        BigDecimal above = c.add(BigDecimal.TEN);
        assertThat(billing.fullMonthCost(lower, above)).isGreaterThan(billing.fullMonthCost(higher, above));
    }

    static Stream<Arguments> breakEvens() {
        return Stream.of(
                Arguments.of("PRO", "PRO_PLUS", "1500"),
                Arguments.of("PRO", "PRO_MAX", "3000"),
                Arguments.of("PRO_PLUS", "PRO_MAX", "3500"),
                Arguments.of("PRO", "POWER", "5500"),
                Arguments.of("PRO_PLUS", "POWER", "6000"),
                Arguments.of("PRO_MAX", "POWER", "7500"));
    }

    @ParameterizedTest(name = "upgrade on day 14, overage {0}: ${1}")
    @MethodSource("upgradeOverage")
    void example4_upgradeProToPowerOnDay14(BillingRules.UpgradeOverage onUpgrade, String expected) {
        KiroBilling billing = new KiroBilling(rules(true, onUpgrade, BillingRules.NewSeatCharge.FULL_MONTH));
        UserBill b = bill(
                billing,
                List.of(span("PRO", "2026-10-01", "2026-11-14"), span("POWER", "2026-11-14", null)),
                List.of(credits("2026-11-05", "1300"), credits("2026-11-20", "4700")));
        assertThat(b.basePriceUsd()).isEqualByComparingTo("200");
        assertThat(b.totalUsd()).isEqualByComparingTo(expected);
    }

    static Stream<Arguments> upgradeOverage() {
        return Stream.of(
                Arguments.of(BillingRules.UpgradeOverage.RERATE, "200"),
                Arguments.of(BillingRules.UpgradeOverage.KEEP, "212"));
    }

    @Test
    void example5_downgradePowerToProOnDay10() {
        List<SeatSpan> spans = List.of(span("POWER", "2026-10-01", "2026-11-10"), span("PRO", "2026-11-10", null));
        // the Power allowance lasts to the month's end: 9,000 credits are no overage in November
        UserBill nov = bill(billing(true), spans, List.of(credits("2026-11-20", "9000")));
        UserBill dec = billing(true)
                .bill(YearMonth.of(2026, 12), spans, List.of(credits("2026-12-05", "1250")))
                .orElseThrow();
        assertThat(nov.totalUsd()).isEqualByComparingTo("200");
        assertThat(dec.totalUsd()).isEqualByComparingTo("30"); // 20 + 250 × 0.04
    }

    @Test
    void example6_proPlusRemovedOnDay3After150Credits() {
        List<SeatSpan> spans = List.of(span("PRO_PLUS", "2026-10-01", "2026-11-03"));
        UserBill nov = bill(billing(true), spans, List.of(credits("2026-11-02", "150")));
        assertThat(nov.totalUsd()).isEqualByComparingTo("40");
        assertThat(billing(true).bill(YearMonth.of(2026, 12), spans, List.of())).isEmpty();
    }

    @Test
    void example7_twoPoolsAtOnceBillTheHighestTierOnceWithItsAllowance() {
        UserBill b = bill(
                billing(true),
                List.of(span("PRO", "2026-10-01", null), span("PRO_PLUS", "2026-10-01", null)),
                List.of(credits("2026-11-09", "1900")));
        assertThat(b.totalUsd()).isEqualByComparingTo("40");
        assertThat(b.includedCredits()).contains(new BigDecimal("2000"));
    }

    @Test
    void example9_aSeatWithoutAnyActivityIsStillChargedFromTheGrant() {
        // the bridge cannot see "Pending" (never signed in); it bills from the grant, never less than Kiro.
        UserBill b = bill(billing(true), List.of(span("PRO", "2026-11-20", null)), List.of());
        assertThat(b.totalUsd()).isEqualByComparingTo("20");
    }

    @Test
    void example10_aSeatIdleAllMonthIsBilledInFull() {
        UserBill b = bill(billing(true), List.of(span("POWER", "2026-10-01", null)), List.of());
        assertThat(b.totalUsd()).isEqualByComparingTo("200");
        assertThat(b.heldAllMonth()).isTrue();
        assertThat(b.reason()).isEqualTo("held POWER all month");
    }
}
