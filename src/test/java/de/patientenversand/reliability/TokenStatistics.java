package de.patientenversand.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Statistics that tell random link tokens from weak ones: repeats, shared prefixes, and per
 * position a chi-square test against the uniform distribution over the characters that position
 * can hold. 32 random bytes in base64url fill 42 characters with 6 bits each and the 43rd with 4
 * (its two low bits are zero), 256 bits in all. {@link #problems()} lists every finding, so a
 * test can show that the same checks reject a weak generator.
 */
final class TokenStatistics {
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final int LENGTH = 43;
    /** Upper tail probability of a false alarm per position (43 positions: about 4e-5 per run). */
    private static final double Z_ONE_IN_A_MILLION = 4.753;
    /** Two random tokens share 9 characters (54 bits) with a chance of about n²/2⁵⁵: none expected. */
    static final int MAX_SHARED_PREFIX = 8;

    private final List<String> problems = new ArrayList<>();
    private final double[] entropyBits = new double[LENGTH];
    private int longestSharedPrefix;

    TokenStatistics(List<String> tokens) {
        analyse(tokens);
    }

    /** Characters position {@code i} can hold: 64, except 16 for the last one (4 bits). */
    static int alphabetSize(int position) {
        return position < LENGTH - 1 ? 64 : 16;
    }

    List<String> problems() {
        return problems;
    }

    /** Estimated Shannon entropy over all positions, in bits (256 for a perfect generator). */
    double entropyBits() {
        return Arrays.stream(entropyBits).sum();
    }

    /** Bits the format itself can carry: log2 of the alphabet per position, summed. */
    static double formatBits() {
        double bits = 0;
        for (int i = 0; i < LENGTH; i++) {
            bits += Math.log(alphabetSize(i)) / Math.log(2);
        }
        return bits;
    }

    int longestSharedPrefix() {
        return longestSharedPrefix;
    }

    private void analyse(List<String> tokens) {
        int n = tokens.size();
        int[][] counts = new int[LENGTH][64];
        for (String t : tokens) {
            if (t.length() != LENGTH) {
                problems.add("token of length " + t.length());
                return;
            }
            for (int i = 0; i < LENGTH; i++) {
                int v = ALPHABET.indexOf(t.charAt(i));
                if (v < 0) {
                    problems.add("character outside base64url at position " + i);
                    return;
                }
                if (i == LENGTH - 1 && v % 4 != 0) {
                    problems.add("last character not from 4 bits (padding bits set)");
                    return;
                }
                counts[i][v]++;
            }
        }
        Set<String> distinct = new HashSet<>(tokens);
        if (distinct.size() != n) {
            problems.add((n - distinct.size()) + " repeated tokens among " + n);
        }
        List<String> sorted = new ArrayList<>(distinct);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            longestSharedPrefix = Math.max(longestSharedPrefix, sharedPrefix(sorted.get(i - 1), sorted.get(i)));
        }
        if (longestSharedPrefix > MAX_SHARED_PREFIX) {
            problems.add("two tokens share a prefix of " + longestSharedPrefix + " characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            int k = alphabetSize(i);
            int step = 64 / k;
            double expected = (double) n / k;
            double chi2 = 0;
            double h = 0;
            for (int s = 0; s < 64; s += step) {
                double c = counts[i][s];
                chi2 += (c - expected) * (c - expected) / expected;
                if (c > 0) {
                    double p = c / n;
                    h -= p * Math.log(p) / Math.log(2);
                }
            }
            entropyBits[i] = h;
            double critical = chiSquareCritical(k - 1);
            if (chi2 > critical) {
                problems.add(String.format(java.util.Locale.ROOT, "position %d not uniform: chi2 %.1f > %.1f (df %d)",
                        i, chi2, critical, k - 1));
            }
        }
    }

    private static int sharedPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Wilson–Hilferty: the chi-square value exceeded by chance once in a million, for {@code df}. */
    static double chiSquareCritical(int df) {
        double a = 2.0 / (9.0 * df);
        double cube = 1 - a + Z_ONE_IN_A_MILLION * Math.sqrt(a);
        return df * cube * cube * cube;
    }
}
