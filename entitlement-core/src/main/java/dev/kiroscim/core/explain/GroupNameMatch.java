package dev.kiroscim.core.explain;

import java.util.Locale;

/**
 * Spots near-misses between an IdP group name and a policy pool's group: {@code Kiro-Developer} vs
 * {@code Kiro-Developers}, {@code kiro developers} vs {@code Kiro-Developers}. Names are compared without case,
 * spaces, dashes and underscores, then by edit distance (at most 2).
 */
final class GroupNameMatch {

    private static final int MAX_DISTANCE = 2;

    private GroupNameMatch() {}

    static boolean isNearMiss(String groupName, String poolGroup) {
        String a = normal(groupName);
        String b = normal(poolGroup);
        return !groupName.equalsIgnoreCase(poolGroup) && (a.equals(b) || distance(a, b) <= MAX_DISTANCE);
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
