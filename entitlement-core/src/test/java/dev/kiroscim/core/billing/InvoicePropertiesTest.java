package dev.kiroscim.core.billing;

import static dev.kiroscim.core.billing.BillingFixtures.KIRO_TIERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiroscim.core.testsupport.PropertyCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random seat histories around November 2026 (grants, upgrades, downgrades, releases from October to December) and
 * random usage: the invoice never bills a user twice in a month, and never bills a user who held a seat all month
 * less than the naive "holders × price" figure.
 */
class InvoicePropertiesTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final Instant START =
            LocalDate.of(2026, 10, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    /** At {@code hour} hours after 1 Oct, {@code user} moves to tier {@code tier} (-1: releases the seat). */
    record Step(int user, int tier, int hour, int credits) {}

    static List<Step> steps(Random random) {
        int n = random.nextInt(40);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new Step(
                    random.nextInt(5),
                    random.nextInt(KIRO_TIERS.size() + 1) - 1,
                    random.nextInt(24 * 92),
                    random.nextInt(3000)));
        }
        return steps;
    }

    /** Replays the steps per user in time order into spans (one seat per user at a time, as the allocator keeps). */
    static List<UserSeats> seats(List<Step> steps) {
        Map<Integer, List<SeatSpan>> byUser = new LinkedHashMap<>();
        Map<Integer, SeatSpan> open = new LinkedHashMap<>();
        steps.stream().sorted((a, b) -> Integer.compare(a.hour(), b.hour())).forEach(s -> {
            Instant at = START.plusSeconds(3600L * s.hour());
            SeatSpan current = open.remove(s.user());
            if (current != null && current.since().isBefore(at)) {
                byUser.computeIfAbsent(s.user(), u -> new ArrayList<>())
                        .add(new SeatSpan(current.tier(), current.pool(), current.since(), at));
            }
            if (s.tier() >= 0) {
                open.put(s.user(), new SeatSpan(KIRO_TIERS.get(s.tier()).name(), "p", at, null));
            }
        });
        open.forEach((user, span) ->
                byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(span));
        List<UserSeats> users = new ArrayList<>();
        byUser.forEach((user, spans) -> users.add(new UserSeats("u" + user, "user" + user, spans)));
        return users;
    }

    static Map<String, List<DailyCredits>> usage(List<Step> steps) {
        return steps.stream()
                .collect(Collectors.groupingBy(
                        s -> "u" + s.user(),
                        Collectors.mapping(
                                s -> new DailyCredits(
                                        LocalDate.ofInstant(START.plusSeconds(3600L * s.hour()), ZoneOffset.UTC),
                                        BigDecimal.valueOf(s.credits())),
                                Collectors.toList())));
    }

    @Test
    void neverBillsAUserTwiceAndNeverLessThanNaiveForFullMonthHolders() {
        for (BillingRules.UpgradeOverage onUpgrade : BillingRules.UpgradeOverage.values()) {
            for (boolean overage : new boolean[] {true, false}) {
                KiroBilling billing = new KiroBilling(
                        BillingFixtures.rules(overage, onUpgrade, BillingRules.NewSeatCharge.FULL_MONTH));
                PropertyCheck.forAll(
                        "invoice bills each user once, never below naive for full-month holders (" + onUpgrade
                                + ", overage " + overage + ")",
                        300,
                        InvoicePropertiesTest::steps,
                        steps -> {
                            Invoice invoice = Invoicing.of(
                                    billing, NOV, Instant.parse("2026-12-02T00:00:00Z"), seats(steps), usage(steps));
                            Set<String> users = new HashSet<>();
                            for (Invoice.Line line : invoice.lines()) {
                                assertThat(users.add(line.userId()))
                                        .as("one line per user: %s", line.userId())
                                        .isTrue();
                                BigDecimal price = billing.rules()
                                        .tier(line.bill().billedTier())
                                        .orElseThrow()
                                        .monthlyPriceUsd();
                                assertThat(line.bill().basePriceUsd())
                                        .as("one seat charge: %s", line)
                                        .isEqualByComparingTo(price);
                                if (line.bill().heldAllMonth()) {
                                    BigDecimal naive = billing.rules()
                                            .tier(line.bill().tierAtEnd().orElseThrow())
                                            .orElseThrow()
                                            .monthlyPriceUsd();
                                    assertThat(line.bill().totalUsd())
                                            .as("not below naive: %s", line)
                                            .isGreaterThanOrEqualTo(naive);
                                }
                                assertThat(line.bill().overageUsd().signum()).isGreaterThanOrEqualTo(0);
                            }
                            BigDecimal sumOfTiers = invoice.tiers().stream()
                                    .map(Invoice.TierTotal::totalUsd)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add);
                            assertThat(sumOfTiers).isEqualByComparingTo(invoice.totalUsd());
                            BigDecimal fullMonthHolders = invoice.lines().stream()
                                    .filter(l -> l.bill().heldAllMonth())
                                    .map(l -> l.bill().totalUsd())
                                    .reduce(BigDecimal.ZERO, BigDecimal::add);
                            BigDecimal naiveOfThem = invoice.lines().stream()
                                    .filter(l -> l.bill().heldAllMonth())
                                    .map(l -> billing.rules()
                                            .tier(l.bill().tierAtEnd().orElseThrow())
                                            .orElseThrow()
                                            .monthlyPriceUsd())
                                    .reduce(BigDecimal.ZERO, BigDecimal::add);
                            assertThat(fullMonthHolders).isGreaterThanOrEqualTo(naiveOfThem);
                        });
            }
        }
    }
}
