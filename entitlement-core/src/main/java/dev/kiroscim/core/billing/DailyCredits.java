package dev.kiroscim.core.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Credits one user consumed on one UTC day, summed over every client file of that day (IDE + CLI + plugin).
 *
 * @param day      the activity day (the report's {@code Date})
 * @param credits  total credits of the day, overage included (assumption A-5, see docs/usage-and-cost.md)
 */
public record DailyCredits(LocalDate day, BigDecimal credits) {
    public DailyCredits {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(credits, "credits");
    }
}
