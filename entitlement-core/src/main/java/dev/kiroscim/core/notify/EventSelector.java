package dev.kiroscim.core.notify;

import dev.kiroscim.core.audit.AuditEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which event types an endpoint receives: each pattern is an exact type ({@code seat.waitlisted}) or a prefix that
 * ends with a dot ({@code seat.} = every {@code seat.*} type). Example: {@code [seat., pool.nearlyFull]} selects the
 * six seat events and {@code pool.nearlyFull}, and not {@code scim.user.created}.
 *
 * <p>A pattern that names no subscribable type ({@code seat.waitlistd}, {@code sea.}) is refused when the
 * configuration is read, so a typo does not silently deliver nothing.
 */
public record EventSelector(List<String> patterns) {

    /** Types written by other parts of the bridge that can be subscribed to although this module does not write them. */
    public static final String BUDGET_EXHAUSTED = "budget.exhausted";

    /** Every type an endpoint may select: the audit vocabulary plus {@link #BUDGET_EXHAUSTED}. */
    public static List<String> subscribableTypes() {
        Set<String> all = new TreeSet<>(AuditEvents.TYPES);
        all.add(BUDGET_EXHAUSTED);
        return List.copyOf(all);
    }

    public EventSelector {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("at least one event type or prefix (e.g. seat.) is required");
        }
        List<String> cleaned = new ArrayList<>();
        List<String> known = subscribableTypes();
        for (String p : patterns) {
            String t = p == null ? "" : p.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("an event pattern is empty");
            }
            boolean matchesSome = known.stream().anyMatch(type -> matches(t, type));
            if (!matchesSome) {
                throw new IllegalArgumentException(
                        "'" + t + "' names no event type (a prefix ends with a dot, e.g. seat.)");
            }
            cleaned.add(t);
        }
        patterns = List.copyOf(cleaned);
    }

    public boolean selects(String type) {
        return type != null && patterns.stream().anyMatch(p -> matches(p, type));
    }

    private static boolean matches(String pattern, String type) {
        return pattern.endsWith(".") ? type.startsWith(pattern) : type.equals(pattern);
    }
}
