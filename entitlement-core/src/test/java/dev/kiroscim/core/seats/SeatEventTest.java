package dev.kiroscim.core.seats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A waitlist event carries its queue position as a field; the reason is for humans only. */
class SeatEventTest {

    private static final Instant T = Instant.parse("2026-10-01T09:00:00Z");

    @Test
    void aWaitlistedEventHasItsPosition() {
        SeatEvent e = SeatEvent.waitlisted("u1", "Kiro-Platform", "PRO_PLUS", 3, T);
        assertThat(e.position()).hasValue(3);
        assertThat(e.reason()).isEqualTo("the pool is full; position 3 in its queue");
    }

    @Test
    void onlyAWaitlistedEventHasAPosition() {
        assertThat(new SeatEvent(SeatEvent.Type.ASSIGNED, "u1", "Kiro-Platform", "PRO_PLUS", "a seat was free", T)
                        .position())
                .isEmpty();
        assertThatThrownBy(() -> new SeatEvent(SeatEvent.Type.ASSIGNED, "u1", "p", "PRO", "r", T, OptionalInt.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeatEvent(SeatEvent.Type.WAITLISTED, "u1", "p", "PRO", "position 2", T))
                .as("a position written only in the reason is not enough")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeatEvent.waitlisted("u1", "p", "PRO", 0, T))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
