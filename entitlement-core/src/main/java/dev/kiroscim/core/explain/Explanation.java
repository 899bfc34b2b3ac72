package dev.kiroscim.core.explain;

import java.util.List;

/**
 * The answer to "why can't this user sign in to Kiro?": every check of the chain, and a one-line verdict naming
 * the first place where it breaks.
 */
public record Explanation(String query, String userId, String userName, String verdict, List<Check> checks) {

    public Explanation {
        checks = List.copyOf(checks);
    }
}
