package dev.kiroscim.server.seats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiroscim.core.seats.SeatOverview;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The seats view: the JSON the admin API serves, and the table the CLI prints from that JSON. */
class SeatsRenderingTest {

    private static final SeatOverview OVERVIEW = new SeatOverview(
            List.of(
                    new SeatOverview.PoolUse("Kiro-Developers", "PRO", OptionalInt.empty(), 2, 0),
                    new SeatOverview.PoolUse("Kiro-Platform", "PRO_PLUS", OptionalInt.of(1), 1, 1)),
            List.of(
                    new SeatOverview.TierUse("PRO", 2, new BigDecimal("40")),
                    new SeatOverview.TierUse("PRO_PLUS", 1, new BigDecimal("40"))),
            new BigDecimal("80"));

    @Test
    void json() {
        JsonNode json = SeatsRendering.json(OVERVIEW);
        assertThat(json.path("pools").get(0).path("seats").isNull())
                .as("unlimited")
                .isTrue();
        assertThat(json.path("pools").get(1).path("seats").asInt()).isEqualTo(1);
        assertThat(json.path("pools").get(1).path("waitlisted").asInt()).isEqualTo(1);
        assertThat(json.path("tiers").get(1).path("monthlyCostUsd").decimalValue())
                .isEqualByComparingTo("40");
        assertThat(json.path("monthlyCostUsd").decimalValue()).isEqualByComparingTo("80");
        assertThat(json.path("monthlyCostBasis").asText()).startsWith("at current holders x list price");
    }

    @Test
    void tableFromTheJson() {
        String table = SeatsRendering.table(SeatsRendering.json(OVERVIEW));
        assertThat(table)
                .containsPattern("(?m)^POOL\\s+TIER\\s+SEATS\\s+ASSIGNED\\s+WAITLISTED$")
                .containsPattern("(?m)^Kiro-Developers\\s+PRO\\s+unlimited\\s+2\\s+0$")
                .containsPattern("(?m)^Kiro-Platform\\s+PRO_PLUS\\s+1\\s+1\\s+1$")
                .containsPattern("(?m)^TOTAL\\s+80$");
    }
}
