package io.secperf.gate;

import java.util.Collection;
import java.util.Locale;

/** Suggests the nearest known name for a misspelt one ("did you mean"), by Damerau-Levenshtein distance. */
final class NameDistance {

    private NameDistance() {
    }

    /**
     * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions), ignoring
     * case: "p59" is 1 away from "p95".
     */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[s.length()][t.length()];
    }

    /** Characters in one word but not the other (as multisets): breaks ties in favour of swapped letters. */
    private static int unshared(String a, String b) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : a.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        for (char c : b.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 128) {
                counts[c]--;
            } else {
                other++;
            }
        }
        int total = other;
        for (int count : counts) {
            total += Math.abs(count);
        }
        return total;
    }

    /** The closest candidate if it is close enough to be a typo (distance at most a third of the length, >= 1). */
    static String nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestUnshared = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word, candidate);
            int unshared = unshared(word, candidate);
            if (d < bestDistance || d == bestDistance && unshared < bestUnshared) {
                best = candidate;
                bestDistance = d;
                bestUnshared = unshared;
            }
        }
        int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= allowed ? best : null;
    }
}
