package dev.kiroscim.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiroscim.core.notify.DerivedEventRules.PoolDecision;
import dev.kiroscim.core.seats.SeatOverview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DerivedEventRulesTest {

    private final DerivedEventRules rules = new DerivedEventRules(90, 80, 7, 14);

    @Test
    void nearlyFullFiresOnceWhenCrossingAndAgainOnlyAfterFallingBelowTheRearmShare() {
        int[] holders = {17, 18, 17, 19, 18, 16, 15, 17, 18, 20};
        List<Integer> firedAt = new ArrayList<>();
        boolean raised = false;
        for (int h : holders) {
            PoolDecision d =
                    rules.pool(new SeatOverview.PoolUse("Kiro-Platform", "PRO_PLUS", OptionalInt.of(20), h, 0), raised);
            if (d == PoolDecision.FIRE) {
                firedAt.add(h);
                raised = true;
            } else if (d == PoolDecision.REARM) {
                raised = false;
            }
        }
        // 18 fires; 17, 19, 18, 16 (80%) stay quiet; 15 (75%) re-arms; 17 quiet; 18 fires again
        assertThat(firedAt).containsExactly(18, 18);
    }

    @Test
    void poolsWithoutACapNeverFire() {
        SeatOverview.PoolUse unlimited = new SeatOverview.PoolUse("Kiro-Everyone", "PRO", OptionalInt.empty(), 500, 0);
        assertThat(rules.pool(unlimited, false)).isEqualTo(PoolDecision.NOTHING);
        assertThat(rules.pool(unlimited, true)).as("a cap removed re-arms").isEqualTo(PoolDecision.REARM);
    }

    @Test
    void daysLeftRoundsUp() {
        Instant now = Instant.parse("2026-12-01T09:00:00Z");
        assertThat(DerivedEventRules.daysLeft(now, now.plus(Duration.ofHours(23))))
                .isEqualTo(1);
        assertThat(DerivedEventRules.daysLeft(now, now.plus(Duration.ofDays(2))))
                .isEqualTo(2);
        assertThat(DerivedEventRules.daysLeft(now, now.plus(Duration.ofDays(2)).plusSeconds(1)))
                .isEqualTo(3);
        assertThat(DerivedEventRules.daysLeft(now, now.minusSeconds(1))).isZero();
    }

    @Test
    void theRearmShareMustBeBelowTheThreshold() {
        assertThatThrownBy(() -> new DerivedEventRules(80, 80, 7, 14))
                .hasMessageContaining("rearmPercent must be below");
        assertThatThrownBy(() -> new DerivedEventRules(101, 80, 7, 14)).hasMessageContaining("nearlyFullPercent");
        assertThatThrownBy(() -> new DerivedEventRules(90, 80, 0, 14)).hasMessageContaining("at least 1 day");
    }
}
