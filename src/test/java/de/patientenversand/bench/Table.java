package de.patientenversand.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/** The one table the bench prints: medians over the runs, and ratios taken pair by pair per run. */
final class Table {
    private final List<String> rows = new ArrayList<>();

    /** A measured quantity: median, range and count of the samples; a goal if the issue sets one. */
    void add(String item, String what, List<Double> samples, String unit, String goal, DoublePredicate met) {
        if (samples.isEmpty()) {
            skip(item, what, "no sample");
            return;
        }
        double median = median(samples);
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String result = met == null ? "" : met.test(median) ? "met" : "**missed**";
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s–%s | %d | %s | %s |", item, what,
                fmt(median, unit), fmt(s[0], ""), fmt(s[s.length - 1], ""), s.length, goal, result));
    }

    /** A row that could not be measured here, with the reason. */
    void skip(String item, String what, String reason) {
        rows.add("| " + item + " | " + what + " | – | – | 0 | | not run: " + reason + " |");
    }

    static double median(List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Per-run ratios a[i] / b[i] of two series measured in the same runs. */
    static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            r.add(a.get(i) / b.get(i));
        }
        return r;
    }

    private static String fmt(double v, String unit) {
        String n = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return unit.isEmpty() ? n : n + " " + unit;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| # | measurement | median | min–max | n | goal | result |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> b.append(r).append('\n'));
        return b.toString();
    }
}
