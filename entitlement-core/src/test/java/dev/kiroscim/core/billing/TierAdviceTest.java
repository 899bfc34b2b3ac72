package dev.kiroscim.core.billing;

import static dev.kiroscim.core.billing.BillingFixtures.billing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Right-sizing against the shared doc's break-even points (§3 example 3), overage on and off. */
class TierAdviceTest {

    static Stream<Arguments> advice() {
        return Stream.of(
                Arguments.of(true, "PRO", "1800", "PRO_PLUS", "52.00", "40.00"),
                Arguments.of(true, "PRO", "1400", null, null, null),
                Arguments.of(true, "POWER", "1200", "PRO", "200.00", "28.00"),
                Arguments.of(true, "PRO_PLUS", "4000", "PRO_MAX", "120.00", "100.00"),
                Arguments.of(true, "PRO_MAX", "8000", "POWER", "220.00", "200.00"),
                Arguments.of(true, "POWER", "7400", "PRO_MAX", "200.00", "196.00"),
                Arguments.of(false, "PRO", "1800", null, null, null),
                Arguments.of(false, "POWER", "1800", "PRO_PLUS", "200.00", "40.00"));
    }

    @ParameterizedTest(name = "overage {0}: {1} using {2} credits → {3}")
    @MethodSource("advice")
    void suggestsTheCheapestTierForTheUse(
            boolean overage, String tier, String credits, String expected, String from, String to) {
        List<TierAdvice.Advice> advice = TierAdvice.of(
                billing(overage), List.of(new TierAdvice.Holder("u", "ann", tier, new BigDecimal(credits))));
        if (expected == null) {
            assertThat(advice).isEmpty();
            return;
        }
        assertThat(advice).singleElement().satisfies(a -> {
            assertThat(a.recommendedTier()).isEqualTo(expected);
            assertThat(a.currentCostUsd()).isEqualByComparingTo(from);
            assertThat(a.recommendedCostUsd()).isEqualByComparingTo(to);
            assertThat(a.monthlySavingUsd()).isEqualByComparingTo(new BigDecimal(from).subtract(new BigDecimal(to)));
        });
    }

    @Test
    void largestSavingFirst() {
        List<TierAdvice.Advice> advice = TierAdvice.of(
                billing(true),
                List.of(
                        new TierAdvice.Holder("a", "ann", "PRO", new BigDecimal("1800")),
                        new TierAdvice.Holder("b", "bob", "POWER", new BigDecimal("100"))));
        assertThat(advice)
                .extracting(TierAdvice.Advice::userName, TierAdvice.Advice::recommendedTier)
                .containsExactly(tuple("bob", "PRO"), tuple("ann", "PRO_PLUS"));
        assertThat(advice.get(0).reason())
                .isEqualTo(
                        "uses far less than POWER's allowance: 100 credits a month cost $200.00 on POWER and $20.00 on PRO");
    }
}
