package dev.kiroscim.core.billing;

import static dev.kiroscim.core.billing.BillingFixtures.billing;
import static dev.kiroscim.core.billing.BillingFixtures.credits;
import static dev.kiroscim.core.billing.BillingFixtures.day;
import static dev.kiroscim.core.billing.BillingFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoicingTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);

    @Test
    void aSeatFreedOnThe3rdAndGivenToTheNextPersonCostsTwoChargesWhileTheNaiveFigureSaysOne() {
        List<UserSeats> seats = List.of(
                new UserSeats("u1", "ann", List.of(span("POWER", "2026-10-01", "2026-11-03"))),
                new UserSeats("u2", "bob", List.of(span("POWER", "2026-11-03", null))));
        Invoice invoice = Invoicing.of(billing(false), NOV, day("2026-12-05"), seats, Map.of());
        assertThat(invoice.complete()).isTrue();
        assertThat(invoice.lines())
                .extracting(Invoice.Line::userName, l -> l.bill().totalUsd().toPlainString())
                .containsExactly(tuple("ann", "200.00"), tuple("bob", "200.00"));
        assertThat(invoice.totalUsd()).isEqualByComparingTo("400");
        assertThat(invoice.naiveHolders()).isEqualTo(1);
        assertThat(invoice.naiveUsd()).isEqualByComparingTo("200");
        assertThat(invoice.forecast()).isEmpty();
        assertThat(invoice.tiers())
                .extracting(Invoice.TierTotal::tier, Invoice.TierTotal::users)
                .containsExactly(tuple("PRO", 0), tuple("PRO_PLUS", 0), tuple("PRO_MAX", 0), tuple("POWER", 2));
    }

    @Test
    void theCurrentMonthHasCostSoFarAndAForecastThatExtrapolatesCredits() {
        // 10 days elapsed on the 11th; 600 credits so far → 1,800 projected over 30 days → 800 overage on PRO
        List<UserSeats> seats = List.of(new UserSeats("u1", "ann", List.of(span("PRO", "2026-10-01", null))));
        Invoice invoice = Invoicing.of(
                billing(true),
                NOV,
                day("2026-11-11").plusSeconds(3600),
                seats,
                Map.of("u1", List.of(credits("2026-11-02", "250"), credits("2026-11-09", "350"))));
        assertThat(invoice.complete()).isFalse();
        assertThat(invoice.totalUsd()).isEqualByComparingTo("20");
        assertThat(invoice.forecast()).hasValueSatisfying(f -> {
            assertThat(f.daysElapsed()).isEqualTo(10);
            assertThat(f.costSoFarUsd()).isEqualByComparingTo("20");
            assertThat(f.forecastUsd()).isEqualByComparingTo("52"); // 20 + 800 × 0.04
        });
    }

    /** The worked month of docs/usage-and-cost.md §3, line by line. */
    @Test
    void theAdminGuidesWorkedMonth() {
        List<UserSeats> seats = List.of(
                new UserSeats("a", "ann", List.of(span("PRO", "2026-10-01", null))),
                new UserSeats(
                        "b",
                        "bob",
                        List.of(span("PRO", "2026-10-01", "2026-11-14"), span("POWER", "2026-11-14", null))),
                new UserSeats(
                        "c",
                        "cid",
                        List.of(span("POWER", "2026-10-01", "2026-11-10"), span("PRO", "2026-11-10", null))),
                new UserSeats("d", "dee", List.of(span("PRO_PLUS", "2026-10-01", "2026-11-03"))),
                new UserSeats("e", "eve", List.of(span("PRO_PLUS", "2026-11-03", null))));
        Map<String, List<DailyCredits>> usage = Map.of(
                "a", List.of(credits("2026-11-05", "1000"), credits("2026-11-20", "800")),
                "b", List.of(credits("2026-11-05", "1300"), credits("2026-11-20", "4700")),
                "c", List.of(credits("2026-11-12", "900")),
                "d", List.of(credits("2026-11-02", "150")));
        Invoice invoice = Invoicing.of(billing(true), NOV, day("2026-12-01"), seats, usage);
        assertThat(invoice.lines())
                .extracting(
                        Invoice.Line::userName,
                        l -> l.bill().billedTier(),
                        l -> l.bill().totalUsd().toPlainString(),
                        l -> l.bill().reason())
                .containsExactly(
                        tuple("ann", "PRO", "52.00", "held PRO all month; 800.00 overage credits × $0.04"),
                        tuple(
                                "bob",
                                "POWER",
                                "200.00",
                                "held PRO 1–13 Nov, held POWER from 14 Nov; upgrades apply at once, the lower tier is not charged"),
                        tuple(
                                "cid",
                                "POWER",
                                "200.00",
                                "held POWER 1–9 Nov, held PRO from 10 Nov; downgrades apply next month"),
                        tuple(
                                "dee",
                                "PRO_PLUS",
                                "40.00",
                                "held PRO_PLUS 1–2 Nov; released on 3 Nov; charged to the month's end"),
                        tuple(
                                "eve",
                                "PRO_PLUS",
                                "40.00",
                                "held PRO_PLUS from 3 Nov; new seats are charged for the whole month"));
        assertThat(invoice.totalUsd()).isEqualByComparingTo("532");
        assertThat(invoice.naiveHolders()).isEqualTo(4);
        assertThat(invoice.naiveUsd()).isEqualByComparingTo("280");
    }

    @Test
    void usersWithoutSeatsInTheMonthHaveNoLine() {
        List<UserSeats> seats = List.of(new UserSeats("u1", "ann", List.of(span("PRO", "2026-09-01", "2026-10-15"))));
        Invoice invoice = Invoicing.of(billing(true), NOV, day("2026-12-01"), seats, Map.of());
        assertThat(invoice.lines()).isEmpty();
        assertThat(invoice.totalUsd()).isEqualByComparingTo("0");
    }
}
