package dev.kiroscim.bench;

import java.util.Arrays;

/** Collected request latencies in microseconds, with percentiles. Thread-confined: merge per-thread instances. */
final class Latencies {

    private long[] micros = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = nanos / 1000;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            if (size == micros.length) {
                micros = Arrays.copyOf(micros, size * 2);
            }
            micros[size++] = other.micros[i];
        }
    }

    int count() {
        return size;
    }

    /** The p-th percentile in milliseconds (p in 0..100). */
    double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    double medianMs() {
        return percentileMs(50);
    }
}
