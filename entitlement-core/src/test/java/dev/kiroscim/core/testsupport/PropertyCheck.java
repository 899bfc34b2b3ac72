package dev.kiroscim.core.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based testing harness: generate many random cases from a seed, check an invariant on each,
 * and on failure shrink the failing list of steps to a minimal one and report it with the seed that reproduces it.
 *
 * <p>We use this instead of jqwik because jqwik's author asks AI coding agents not to use the library
 * (jqwik 1.10 prints that request at every run) and this project is developed with such agents; see
 * docs/decisions.md. The harness is deliberately small: cases are lists of steps, shrinking removes steps.
 *
 * <pre>{@code
 * PropertyCheck.forAll("caps never exceeded", 500, random -> randomSteps(random), steps -> replayAndCheck(steps));
 * }</pre>
 * Set {@code -Dproperty.seed=N} to replay one failing run, {@code -Dproperty.tries=N} to run more cases.
 */
public final class PropertyCheck {

    private PropertyCheck() {}

    /**
     * @param name      what the property states, shown on failure
     * @param tries     number of random cases (overridden by {@code -Dproperty.tries})
     * @param generator builds a list of steps from a seeded random source
     * @param property  throws (e.g. an AssertionError) when the steps violate the property
     */
    public static <S> void forAll(
            String name, int tries, Function<Random, List<S>> generator, Consumer<List<S>> property) {
        long fixedSeed = Long.getLong("property.seed", -1L);
        int runs = fixedSeed >= 0 ? 1 : Integer.getInteger("property.tries", tries);
        long baseSeed = fixedSeed >= 0 ? fixedSeed : System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long seed = fixedSeed >= 0 ? fixedSeed : baseSeed + i;
            List<S> steps = generator.apply(new Random(seed));
            Throwable failure = failureOf(property, steps);
            if (failure != null) {
                List<S> minimal = shrink(steps, property);
                AssertionError error = new AssertionError("property '" + name + "' failed (seed " + seed
                        + ", replay with -Dproperty.seed=" + seed + ")\nminimal failing steps (" + minimal.size()
                        + " of "
                        + steps.size() + "):\n  "
                        + String.join(
                                "\n  ", minimal.stream().map(String::valueOf).toList())
                        + "\nfailure: " + failureOf(property, minimal));
                error.initCause(failure);
                throw error;
            }
        }
    }

    /**
     * Like {@link #forAll}, for cases that are not a plain list of steps (no shrinking): the failure names the seed
     * and the case.
     */
    public static <T> void forAllCases(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
        long fixedSeed = Long.getLong("property.seed", -1L);
        int runs = fixedSeed >= 0 ? 1 : Integer.getInteger("property.tries", tries);
        long baseSeed = fixedSeed >= 0 ? fixedSeed : System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long seed = fixedSeed >= 0 ? fixedSeed : baseSeed + i;
            T testCase = generator.apply(new Random(seed));
            Throwable failure = failureOf(c -> property.accept(c.get(0)), List.of(testCase));
            if (failure != null) {
                AssertionError error = new AssertionError("property '" + name + "' failed (seed " + seed
                        + ", replay with -Dproperty.seed=" + seed + ")\ncase: " + testCase + "\nfailure: " + failure);
                error.initCause(failure);
                throw error;
            }
        }
    }

    /** Removes steps (halves first, then single steps) as long as the property still fails. */
    static <S> List<S> shrink(List<S> failing, Consumer<List<S>> property) {
        List<S> current = new ArrayList<>(failing);
        int chunk = Math.max(1, current.size() / 2);
        while (chunk >= 1) {
            boolean removed = false;
            for (int start = 0; start + chunk <= current.size(); ) {
                List<S> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(start + chunk, current.size()));
                if (failureOf(property, candidate) != null) {
                    current = candidate;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return current;
    }

    private static <S> Throwable failureOf(Consumer<List<S>> property, List<S> steps) {
        try {
            property.accept(steps);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e;
        }
    }
}
