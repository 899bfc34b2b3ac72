package dev.kiroscim.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiroscim.core.billing.BillingRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy's cost keys: includedCredits, budgets, reclaim, overage and billing choices (issue 12). */
class PolicyCostsTest {

    static final String COSTS = """
            tiers:
              - name: PRO
                identityCenterGroup: kiro-pro
                monthlyPriceUsd: 20
                includedCredits: 1000
              - name: PRO_MAX
                identityCenterGroup: kiro-pro-max
                monthlyPriceUsd: 100
                includedCredits: 5000
                monthlyBudgetUsd: 1000
            pools:
              - group: Kiro-Developers
                tier: PRO
                reclaimAfterIdle: P30D
                reclaim: release
                reclaimGrace: P7D
                monthlyBudgetUsd: 400
              - group: Kiro-Max
                tier: PRO_MAX
                reclaimAfterIdle: P45D
            overage:
              enabled: true
              pricePerCreditUsd: 0.05
            billing:
              newSeats: prorated
              upgradeOverage: keep
            """;

    @Test
    void parsesEveryCostKey() throws PolicyException {
        Policy p = PolicyLoader.parse(COSTS);
        assertThat(p.tiers())
                .extracting(Tier::includedCredits)
                .containsExactly(Optional.of(new BigDecimal("1000")), Optional.of(new BigDecimal("5000")));
        assertThat(p.tiers())
                .extracting(Tier::monthlyBudgetUsd)
                .containsExactly(Optional.empty(), Optional.of(new BigDecimal("1000")));
        assertThat(p.requirePool("Kiro-Developers").reclaim())
                .contains(new Reclaim(Duration.ofDays(30), Reclaim.Mode.RELEASE, Duration.ofDays(7)));
        assertThat(p.requirePool("Kiro-Developers").monthlyBudgetUsd()).contains(new BigDecimal("400"));
        assertThat(p.requirePool("Kiro-Max").reclaim())
                .as("report is the default mode, two weeks the default grace")
                .contains(new Reclaim(Duration.ofDays(45), Reclaim.Mode.REPORT, Reclaim.DEFAULT_GRACE));
        assertThat(p.costs().overage().enabled()).isTrue();
        assertThat(p.costs().overage().pricePerCreditUsd()).isEqualByComparingTo("0.05");
        assertThat(p.costs().newSeats()).isEqualTo(BillingRules.NewSeatCharge.PRORATED);
        assertThat(p.costs().upgradeOverage()).isEqualTo(BillingRules.UpgradeOverage.KEEP);

        BillingRules rules = p.billingRules();
        assertThat(rules.tier("PRO_MAX").orElseThrow().includedCredits()).contains(new BigDecimal("5000"));
        assertThat(rules.overage().pricePerCreditUsd()).isEqualByComparingTo("0.05");
    }

    @Test
    void overageIsOffAndAt4CentsWhenOnlyEnabled() throws PolicyException {
        Policy p = PolicyLoader.parse(PolicyLoaderTest.ISSUE_EXAMPLE + "overage:\n  enabled: true\n");
        assertThat(p.costs().overage().enabled()).isTrue();
        assertThat(p.costs().overage().pricePerCreditUsd()).isEqualByComparingTo("0.04");
        assertThat(PolicyLoader.parse(PolicyLoaderTest.ISSUE_EXAMPLE).costs()).isEqualTo(CostTerms.DEFAULT);
    }

    static Stream<Arguments> badCosts() {
        return Stream.of(
                Arguments.of(
                        "negative includedCredits",
                        COSTS.replace("includedCredits: 1000", "includedCredits: -5"),
                        List.of("5: includedCredits must not be negative, got -5")),
                Arguments.of(
                        "budget that is not a number",
                        COSTS.replace("monthlyBudgetUsd: 400", "monthlyBudgetUsd: lots"),
                        List.of("17: monthlyBudgetUsd must be a number like 500, got 'lots'")),
                Arguments.of(
                        "unknown reclaim mode",
                        COSTS.replace("reclaim: release", "reclaim: delete"),
                        List.of("15: reclaim must be one of report, release, got 'delete'")),
                Arguments.of(
                        "reclaim without reclaimAfterIdle",
                        COSTS.replace("    reclaimAfterIdle: P30D\n", ""),
                        List.of("14: reclaim needs reclaimAfterIdle (e.g. reclaimAfterIdle: P30D) in the same pool")),
                Arguments.of(
                        "months are not a duration",
                        COSTS.replace("reclaimAfterIdle: P30D", "reclaimAfterIdle: P1M"),
                        List.of(
                                "14: reclaimAfterIdle must be an ISO-8601 duration such as P30D (days or smaller; no months or years), got 'P1M'")),
                Arguments.of(
                        "overage flag that is not a boolean",
                        COSTS.replace("enabled: true", "enabled: sometimes"),
                        List.of("22: enabled must be true or false, got 'sometimes'")),
                Arguments.of(
                        "typo in overage",
                        COSTS.replace("pricePerCreditUsd", "pricePerCredit"),
                        List.of(
                                "23: unknown key 'pricePerCredit' in overage (allowed: enabled, pricePerCreditUsd); did you mean 'pricePerCreditUsd'?")),
                Arguments.of(
                        "unknown billing choice",
                        COSTS.replace("newSeats: prorated", "newSeats: daily"),
                        List.of("25: newSeats must be one of full-month, prorated, got 'daily'")),
                Arguments.of(
                        "overage as a scalar",
                        PolicyLoaderTest.ISSUE_EXAMPLE + "overage: yes\n",
                        List.of("22: 'overage' must be a mapping with enabled and pricePerCreditUsd, got 'yes'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCosts")
    void rejectsBadCostKeysWithTheirLine(String why, String yaml, List<String> expected) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse(yaml, "policy.yaml"));
        assertThat(e.problems().stream().map(p -> p.line() + ": " + p.message()).toList())
                .containsExactlyElementsOf(expected);
    }
}
