package dev.kiroscim.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits id lists for {@code IN (…)} queries so that no statement grows without bound. */
final class Batches {

    static final int SIZE = 500;

    private Batches() {}

    static <T> List<List<T>> of(Collection<T> items) {
        List<T> all = new ArrayList<>(items);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            out.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return out;
    }
}
