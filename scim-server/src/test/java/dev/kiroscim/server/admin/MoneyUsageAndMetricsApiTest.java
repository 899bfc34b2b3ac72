package dev.kiroscim.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What finance reads on the seeded fixture (ann holds a PRO seat from 1 Nov, dan a POWER seat from 10 Nov, bob and
 * cara only wait): the invoice, the audit-rebuilt seat and holder reports, recommendations, usage, and /metrics.
 */
class MoneyUsageAndMetricsApiTest extends OnSeededAdminApi {

    @Test
    void theInvoiceBillsHoldersNotTheWaitingAndForecastsTheMonth() {
        JsonNode invoice = api.get("admin/v1/invoice").json();
        assertThat(invoice.path("month").asText()).as("the clock's month").isEqualTo("2026-11");
        assertThat(invoice.path("complete").asBoolean()).isFalse();
        List<String> lines = new ArrayList<>();
        invoice.path("lines")
                .forEach(l -> lines.add(l.path("userName").asText() + " "
                        + l.path("tier").asText() + " " + l.path("totalUsd").asDouble()));
        assertThat(lines).containsExactlyInAnyOrder("ann@example.com PRO 20.0", "dan@example.com POWER 200.0");
        assertThat(invoice.path("lines").get(0).path("reason").asText()).contains("held");
        assertThat(invoice.path("totalUsd").asDouble()).isEqualTo(220.0);
        assertThat(invoice.path("naive").path("holders").asInt()).isEqualTo(2);
        assertThat(invoice.path("naive").path("costUsd").asDouble()).isEqualTo(220.0);
        assertThat(invoice.path("forecast").path("forecastUsd").asDouble()).isEqualTo(220.0);
    }

    @Test
    void aMonthBeforeAnySeatIsCompleteAndEmpty() {
        JsonNode october = api.get("admin/v1/invoice?month=2026-10").json();
        assertThat(october.path("complete").asBoolean()).isTrue();
        assertThat(october.path("lines").size()).isZero();
        assertThat(october.path("totalUsd").asDouble()).isZero();
    }

    @Test
    void theInvoiceAsCsvHasOneLinePerUserAndTheTotal() {
        String csv = api.get("admin/v1/invoice?month=2026-11", Map.of("Accept", "text/csv"))
                .body();
        assertThat(csv.lines().filter(l -> l.startsWith("ann@example.com,PRO,")))
                .hasSize(1);
        assertThat(csv.lines().filter(l -> l.startsWith("dan@example.com,POWER,")))
                .hasSize(1);
        assertThat(csv).contains("TOTAL,,,,,,220.00,").doesNotContain("bob@example.com");
    }

    @Test
    void theSeatsReportRebuildsTheMonthFromTheAuditLog() {
        JsonNode report = api.get("admin/v1/reports/seats?month=2026-11").json();
        assertThat(report.path("billedUsers").asInt()).isEqualTo(2);
        assertThat(report.path("totalCostUsd").asDouble()).isEqualTo(220.0);
        List<String> tiers = new ArrayList<>();
        report.path("tiers")
                .forEach(t -> tiers.add(
                        t.path("tier").asText() + " " + t.path("billedUsers").asInt() + " "
                                + t.path("seatDays").asInt()));
        assertThat(tiers).containsExactlyInAnyOrder("PRO 1 30", "POWER 1 21");
    }

    @ParameterizedTest(name = "holders at {0} (tier {1})")
    @CsvSource(
            nullValues = "-",
            value = {
                "2026-10-31T00:00:00Z, -,     ''",
                "2026-11-05T00:00:00Z, -,     ann@example.com",
                "2026-11-15T00:00:00Z, -,     ann@example.com dan@example.com",
                "2026-11-15T00:00:00Z, POWER, dan@example.com",
            })
    void holdersAtAMomentComeFromTheAuditLog(String at, String tier, String expected) {
        JsonNode report = api.get("admin/v1/reports/holders?at=" + at + (tier == null ? "" : "&tier=" + tier))
                .json();
        List<String> holders = new ArrayList<>();
        report.path("holders").forEach(h -> holders.add(h.path("userName").asText()));
        assertThat(holders).containsExactlyInAnyOrder(expected.isEmpty() ? new String[0] : expected.split(" "));
        assertThat(report.path("count").asInt()).isEqualTo(holders.size());
    }

    @ParameterizedTest(name = "months={0} → based on {1}")
    @CsvSource(
            nullValues = "-",
            value = {"-, 2026-08 2026-09 2026-10", "1, 2026-10", "' 2 ', 2026-09 2026-10"})
    void recommendationsAdviseNobodyWithoutReportData(String months, String basedOn) {
        JsonNode body = api.get("admin/v1/recommendations" + (months == null ? "" : "?months=" + months.trim()))
                .json();
        List<String> used = new ArrayList<>();
        body.path("basedOn").forEach(m -> used.add(m.asText()));
        assertThat(String.join(" ", used)).isEqualTo(basedOn);
        assertThat(body.path("recommendations").size()).isZero();
        assertThat(body.path("holdersWithoutData").asInt()).isEqualTo(2);
        assertThat(body.path("monthlySavingUsd").asDouble()).isZero();
    }

    @Test
    void usageWithoutAReportHasNoUsersAndSaysSoPerPerson() {
        JsonNode month = api.get("admin/v1/usage?month=2026-11").json();
        assertThat(month.path("users").size()).isZero();
        assertThat(month.path("totals").path("users").asInt()).isZero();
        assertThat(month.path("dataThrough").isNull()).isTrue();

        JsonNode ann =
                api.get("admin/v1/users/ann@example.com/usage?month=2026-11").json();
        assertThat(ann.path("userId").asText()).isEqualTo(api.userId("ann"));
        assertThat(ann.path("month").asText()).isEqualTo("2026-11");
        assertThat(ann.path("mapped").asBoolean())
                .as("no Identity Center link: no data, not zero use")
                .isFalse();
        assertThat(ann.path("reportConfigured").asBoolean()).isFalse();
        assertThat(ann.has("usage")).isFalse();
        assertThat(api.get("admin/v1/users/" + api.userId("ann") + "/usage?month=2026-11")
                        .json()
                        .path("userName")
                        .asText())
                .isEqualTo("ann@example.com");
    }

    @Test
    void metricsCarrySeatsPoolsCostBudgetsSyncNotificationsAndTheReplica() {
        AdminApiFixture.Answer answer = api.get("metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain").contains("version=0.0.4");
        assertThat(answer.body())
                .contains(
                        "kiro_seats_assigned{tier=\"PRO\"} 1.0\n",
                        "kiro_seats_assigned{tier=\"POWER\"} 1.0\n",
                        "kiro_pool_waitlisted{pool=\"Dev-Team\"} 2.0\n",
                        "kiro_pool_committed_usd{pool=\"Power-Team\"} 200.0\n",
                        "kiro_pool_budget_usd{pool=\"Power-Team\"} 500.0\n",
                        "kiro_seats_monthly_cost_usd 220.0\n",
                        "kiro_sync_dead_letters 0.0\n",
                        "kiro_notifications_dead_letters{endpoint=\"ops\"} 0.0\n",
                        "kiro_cluster_replicas{state=\"live\"} 1.0\n");
    }
}
