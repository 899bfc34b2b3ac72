package dev.kiroscim.core.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reports keys a mapping may not have, with a suggestion for typos, e.g.
 * {@code unknown key 'seat' in a pool (allowed: group, tier, seats); did you mean 'seats'?}. Shared by the policy and
 * every other config section, so a typo reads the same wherever it is.
 */
public final class UnknownKeys {

    private UnknownKeys() {}

    /** @param where e.g. {@code "in a pool"} or {@code "at the top level"} */
    public static void check(
            YamlNode.Mapping mapping, Set<String> allowed, String where, List<PolicyProblem> problems) {
        mapping.keyLines().forEach((key, line) -> {
            if (!allowed.contains(key)) {
                String suggestion = allowed.stream()
                        .filter(a -> similar(a, key))
                        .findFirst()
                        .map(a -> "; did you mean '" + a + "'?")
                        .orElse("");
                problems.add(new PolicyProblem(
                        line,
                        "unknown key '" + key + "' " + where + " (allowed: " + String.join(", ", allowed) + ")"
                                + suggestion));
            }
        });
    }

    private static boolean similar(String allowed, String typed) {
        String a = allowed.toLowerCase(Locale.ROOT);
        String t = typed.toLowerCase(Locale.ROOT);
        return a.equals(t) || a.startsWith(t) || t.startsWith(a) || editDistance(a, t) <= 2;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
