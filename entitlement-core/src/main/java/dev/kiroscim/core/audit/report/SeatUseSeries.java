package dev.kiroscim.core.audit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seats held per pool and per tier at the end of each UTC day (for today: now), rebuilt from the audit log's seat
 * holdings ({@link SeatHistory}). The console's 90-day chart; computed on the server so the browser gets 90 numbers
 * per series instead of every seat event.
 */
public final class SeatUseSeries {

    /** {@code days[i]} is a UTC date; {@code pools.get(p)[i]} and {@code tiers.get(t)[i]} the seats held at its end. */
    public record Result(List<LocalDate> days, Map<String, int[]> pools, Map<String, int[]> tiers) {}

    private SeatUseSeries() {}

    /** @param from the first day; the series ends with the day of {@code now} */
    public static Result of(SeatHistory history, LocalDate from, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            days.add(d);
            Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
            ends.add(end.isAfter(now) ? now : end);
        }
        return new Result(
                days,
                series(history, SeatHistory.Holding::pool, ends),
                series(history, SeatHistory.Holding::tier, ends));
    }

    /** Held at t = (holdings started at or before t) − (holdings ended at or before t); binary search per day. */
    private static Map<String, int[]> series(
            SeatHistory history, Function<SeatHistory.Holding, String> key, List<Instant> ends) {
        Map<String, List<SeatHistory.Holding>> byKey = new TreeMap<>();
        history.holdings()
                .forEach(h -> byKey.computeIfAbsent(key.apply(h), k -> new ArrayList<>())
                        .add(h));
        Map<String, int[]> out = new LinkedHashMap<>();
        byKey.forEach((k, holdings) -> {
            long[] starts = holdings.stream()
                    .mapToLong(h -> h.since().toEpochMilli())
                    .sorted()
                    .toArray();
            long[] stops = holdings.stream()
                    .filter(h -> h.until() != null)
                    .mapToLong(h -> h.until().toEpochMilli())
                    .sorted()
                    .toArray();
            int[] counts = new int[ends.size()];
            for (int i = 0; i < counts.length; i++) {
                long t = ends.get(i).toEpochMilli();
                counts[i] = atOrBefore(starts, t) - atOrBefore(stops, t);
            }
            out.put(k, counts);
        });
        return out;
    }

    private static int atOrBefore(long[] sorted, long t) {
        int i = Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == t) {
            i++;
        }
        return i + 1;
    }
}
