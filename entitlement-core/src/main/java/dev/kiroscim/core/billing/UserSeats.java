package dev.kiroscim.core.billing;

import java.util.List;

/** One user's seat holdings, the input of an invoice line. */
public record UserSeats(String userId, String userName, List<SeatSpan> spans) {
    public UserSeats {
        spans = List.copyOf(spans);
    }
}
